import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandJson } from '../../src/harness/command-line.js';
import { MAX_BOX_LENGTH, parseBoxLine } from '../../src/web/box-line.js';

const registered = commands.map((c) => c.data.toJSON() as CommandJson);
const box = (line: string) => parseBoxLine(line, registered);

describe('parseBoxLine (the page’s message box)', () => {
  it('given /faq, /docs or /model and words, then the command and its words, options taken out', () => {
    expect(box('/faq credits expire')).toEqual({
      kind: 'command',
      command: 'faq',
      values: { topic: 'credits expire' },
      autocompleted: 'topic',
    });
    expect(box('/docs webhooks mention:@bob private:yes')).toEqual({
      kind: 'command',
      command: 'docs',
      values: { topic: 'webhooks', mention: { user: 'bob' }, private: true },
      autocompleted: 'topic',
    });
    expect(box('/MODEL endpoint:flux dev')).toMatchObject({
      command: 'model',
      values: { endpoint: 'flux dev' },
    });
  });

  it('given /faq-admin, then the moderator command; given a subcommand it lacks, then how it is typed', () => {
    expect(box('/faq-admin pin credits channel:#help')).toMatchObject({
      kind: 'command',
      subcommand: 'pin',
      values: { topic: 'credits', channel: { channel: 'help' } },
    });
    expect(box('/faq-admin nuke')).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('pin, unpin, reload, stats, teach, unteach and solved'),
    });
  });

  it('given words without a command, a bad option or a line too long, then what is wrong', () => {
    expect(box('credits')).toMatchObject({ kind: 'invalid' });
    expect(box('/faq x private:maybe')).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('private takes true or false'),
    });
    expect(box(`/faq ${'x'.repeat(MAX_BOX_LENGTH)}`)).toEqual({
      kind: 'invalid',
      message: `A message is at most ${MAX_BOX_LENGTH} characters.`,
    });
  });
});
