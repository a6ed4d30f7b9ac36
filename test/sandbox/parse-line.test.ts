import { describe, expect, it } from 'vitest';
import { parseSandboxLine } from '../../src/sandbox/parse-line.js';

describe('parseSandboxLine', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['quit', { kind: 'quit' }],
    ['credits expire', { kind: 'query', text: 'credits expire' }],
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
  ])('given %j, then it reads as %j', (line, expected) => {
    expect(parseSandboxLine(line)).toEqual(expected);
  });
});
