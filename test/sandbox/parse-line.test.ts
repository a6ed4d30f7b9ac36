import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandJson } from '../../src/harness/command-line.js';
import { parseSandboxLine } from '../../src/sandbox/parse-line.js';

const registered = commands.map((c) => c.data.toJSON() as CommandJson);
const read = (line: string) => parseSandboxLine(line, registered);
const command = (name: string, values: Record<string, unknown>, extra = {}) =>
  expect.objectContaining({ command: name, values, ...extra });

describe('parseSandboxLine (against the registered commands)', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['quit', { kind: 'quit' }],
    ['up', { kind: 'vote', helpful: true }],
    ['/answer why 429?', { kind: 'answer', text: 'why 429?' }],
    ['2', { kind: 'pick', index: 2, options: {} }],
    ['2 private:true', { kind: 'pick', index: 2, options: { private: true } }],
  ])('given %j, then the sandbox reads %j', (line, expected) => {
    expect(read(line)).toEqual(expected);
  });

  it.each([
    ['credits expire', 'query', 'faq', { topic: 'credits expire' }],
    ['credits mention:@bob', 'query', 'faq', { topic: 'credits', mention: { user: 'bob' } }],
    [
      '/faq credits mention:@bob private:true',
      'submit',
      'faq',
      { topic: 'credits', mention: { user: 'bob' }, private: true },
    ],
    ['/faq topic:rate-limit', 'submit', 'faq', { topic: 'rate-limit' }],
    ['/faq x private:TRUE', 'submit', 'faq', { topic: 'x', private: true }],
    ['/faq x private:off', 'submit', 'faq', { topic: 'x', private: false }],
    ['/docs fal cdn', 'query', 'docs', { topic: 'fal cdn' }],
    ['/model endpoint:flux dev', 'query', 'model', { endpoint: 'flux dev' }],
    [
      '/docs webhooks mention:@bob private:yes',
      'query',
      'docs',
      { topic: 'webhooks', mention: { user: 'bob' }, private: true },
    ],
  ])('given %j, then a %s of /%s with %j', (line, kind, name, values) => {
    expect(read(line)).toEqual({ kind, dm: false, typed: command(name, values) });
  });

  it.each([
    [
      '/faq-admin pin rate limit channel:#help',
      'pin',
      { topic: 'rate limit', channel: { channel: 'help' } },
    ],
    ['/faq-admin stats days:30', 'stats', { days: 30 }],
    ['/faq-admin stats days:0', 'stats', { days: 0 }],
    ['/faq-admin stats days:many', 'stats', { days: NaN }],
    ['/faq-admin reload', 'reload', {}],
  ])('given %j, then the subcommand %s submitted with %j', (line, subcommand, values) => {
    expect(read(line)).toEqual({
      kind: 'submit',
      dm: false,
      typed: command('faq-admin', values, { subcommand }),
    });
  });

  it('given /dm and words, then the same words in the DM with the bot', () => {
    expect(read('/dm cred exp')).toEqual({
      kind: 'query',
      dm: true,
      typed: command('faq', { topic: 'cred exp' }),
    });
  });

  it.each([
    ['/faq x private:maybe', 'private takes true or false (yes/no, on/off, 1/0), not "maybe"'],
    [
      '/faq-admin bogus',
      '/faq-admin has no subcommand "bogus": it has pin, unpin, reload, stats, teach, unteach and solved.',
    ],
    ['/frobnicate now', '/frobnicate is not a command here'],
  ])('given %j, then what is wrong: %j', (line, message) => {
    expect(read(line)).toEqual({ kind: 'invalid', message: expect.stringContaining(message) });
  });
});
