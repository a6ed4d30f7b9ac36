import { describe, expect, it } from 'vitest';
import { MAX_BOX_LENGTH, parseBoxLine } from '../../src/web/box-line.js';

describe('parseBoxLine (the page’s message box)', () => {
  it('given /faq, /docs or /model and words, then the command and its words, options taken out', () => {
    expect(parseBoxLine('/faq credits expire')).toEqual({
      kind: 'card',
      command: 'faq',
      text: 'credits expire',
      options: {},
    });
    expect(parseBoxLine('/docs webhooks mention:@bob private:yes')).toEqual({
      kind: 'card',
      command: 'docs',
      text: 'webhooks',
      options: { mention: 'bob', private: true },
    });
    expect(parseBoxLine('/MODEL endpoint:flux dev')).toMatchObject({
      command: 'model',
      text: 'flux dev',
    });
  });

  it('given /faq-admin, then the moderator command; given a subcommand it lacks, then how it is typed', () => {
    expect(parseBoxLine('/faq-admin pin credits channel:#help')).toMatchObject({
      kind: 'admin',
      sub: 'pin',
      topic: 'credits',
      channel: 'help',
    });
    expect(parseBoxLine('/faq-admin nuke')).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('pin, unpin, reload and stats'),
    });
  });

  it('given words without a command, a bad option or a line too long, then what is wrong', () => {
    expect(parseBoxLine('credits')).toMatchObject({ kind: 'invalid' });
    expect(parseBoxLine('/faq x private:maybe')).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('private takes true or false'),
    });
    expect(parseBoxLine(`/faq ${'x'.repeat(MAX_BOX_LENGTH)}`)).toEqual({
      kind: 'invalid',
      message: `A message is at most ${MAX_BOX_LENGTH} characters.`,
    });
  });
});
