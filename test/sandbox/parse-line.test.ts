import { describe, expect, it } from 'vitest';
import { parseSandboxLine } from '../../src/sandbox/parse-line.js';

describe('parseSandboxLine', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['quit', { kind: 'quit' }],
    ['credits expire', { kind: 'query', text: 'credits expire', options: {} }],
    ['credits mention:@bob', { kind: 'query', text: 'credits', options: { mention: 'bob' } }],
    ['2', { kind: 'pick', index: 2, options: {} }],
    ['2 private:true', { kind: 'pick', index: 2, options: { private: true } }],
    [
      '/faq credits mention:@bob private:true',
      { kind: 'command', topic: 'credits', options: { mention: 'bob', private: true } },
    ],
    ['/faq topic:rate-limit', { kind: 'command', topic: 'rate-limit', options: {} }],
    [
      '/faq-admin pin rate limit channel:#help',
      { kind: 'admin', sub: 'pin', topic: 'rate limit', channel: 'help' },
    ],
    ['/faq-admin stats days:30', { kind: 'admin', sub: 'stats', topic: '', days: 30 }],
    ['/faq-admin stats days:0', { kind: 'admin', sub: 'stats', topic: '', days: 0 }],
    ['/faq-admin stats days:many', { kind: 'admin', sub: 'stats', topic: '', days: NaN }],
    ['/faq-admin reload', { kind: 'admin', sub: 'reload', topic: '' }],
    ['/faq-admin bogus', { kind: 'unknown-admin', sub: 'bogus' }],
    ['/faq x private:TRUE', { kind: 'command', topic: 'x', options: { private: true } }],
    ['/faq x private:off', { kind: 'command', topic: 'x', options: { private: false } }],
    [
      '/faq x private:maybe',
      {
        kind: 'invalid',
        message: 'private takes true or false (yes/no, on/off, 1/0), not "maybe"',
      },
    ],
    ['/docs fal cdn', { kind: 'query', text: 'fal cdn', command: 'docs', options: {} }],
    [
      '/model endpoint:flux dev',
      { kind: 'query', text: 'flux dev', command: 'model', options: {} },
    ],
    [
      '/docs webhooks mention:@bob private:yes',
      {
        kind: 'query',
        text: 'webhooks',
        command: 'docs',
        options: { mention: 'bob', private: true },
      },
    ],
  ])('given %j, then it reads as %j', (line, expected) => {
    expect(parseSandboxLine(line)).toEqual(expected);
  });
});
