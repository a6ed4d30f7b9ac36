import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { completions, readCommandLine, type CommandJson } from '../../src/harness/command-line.js';

const registered = commands.map((c) => c.data.toJSON() as CommandJson);

describe('readCommandLine (a line read against the registered commands)', () => {
  it('given a text option named mid-line, then its value runs to the next option; other options take one word', () => {
    expect(
      readCommandLine('/faq topic:how do credits expire mention:@bob extra words', registered),
    ).toEqual({
      kind: 'command',
      command: 'faq',
      values: { topic: 'how do credits expire extra words', mention: { user: 'bob' } },
      autocompleted: 'topic',
    });
  });

  it('given a command with subcommands and none named, then which ones it has', () => {
    expect(readCommandLine('/faq-admin', registered)).toEqual({
      kind: 'invalid',
      message:
        '/faq-admin needs a subcommand: pin, unpin, reload, stats, teach, unteach or solved.',
    });
  });
});

describe('completions (what the line may go on with, as Discord offers it)', () => {
  it.each([
    ['/', ['/faq ', '/docs ', '/model ', '/faq-admin ']],
    ['/fa', ['/faq ', '/faq-admin ']],
    [
      '/faq-admin ',
      [
        '/faq-admin pin ',
        '/faq-admin unpin ',
        '/faq-admin reload ',
        '/faq-admin stats ',
        '/faq-admin teach ',
        '/faq-admin unteach ',
        '/faq-admin solved ',
      ],
    ],
    ['/faq-admin s', ['/faq-admin stats ', '/faq-admin solved ']],
    ['/faq-admin st', ['/faq-admin stats ']],
    ['/faq-admin u', ['/faq-admin unpin ', '/faq-admin unteach ']],
    ['/faq-admin stats d', ['/faq-admin stats days:']],
    ['/faq credits m', ['/faq credits mention:']],
    ['/faq credits mention:@bob p', ['/faq credits mention:@bob private:']],
    ['/faq credits mention:@bob m', []],
    ['/faq credits ', []],
    ['/nope x', []],
    ['credits', []],
  ])('given %j, then %j', (line, expected) => {
    expect(completions(line, registered)).toEqual(expected);
  });
});
