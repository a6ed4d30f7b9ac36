import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { CapturedLog } from './helpers/local.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-token-value';

describe('createLogger', () => {
  it('given the token in a known field, then the field is redacted', () => {
    const log = new CapturedLog();
    const logger = createLogger({ level: 'info', destination: log, secrets: [TOKEN] });
    logger.info(
      {
        token: TOKEN,
        headers: { authorization: `Bot ${TOKEN}` },
        config: { DISCORD_TOKEN: TOKEN },
      },
      'hello',
    );
    expect(log.raw.join('\n')).not.toContain(TOKEN);
    expect(log.lines[0]).toMatchObject({
      token: '[REDACTED]',
      headers: { authorization: '[REDACTED]' },
    });
  });

  it('given the token inside an error message and stack, then it is scrubbed from the line', () => {
    const log = new CapturedLog();
    const logger = createLogger({ level: 'info', destination: log, secrets: [TOKEN] });
    logger.error({ err: new Error(`login failed for ${TOKEN}`) }, `could not use ${TOKEN}`);
    const line = log.raw.join('\n');
    expect(line).not.toContain(TOKEN);
    expect(line).toContain('[REDACTED]');
  });

  it('given an interaction or webhook URL in an error, then its token is scrubbed and the ids kept', () => {
    const log = new CapturedLog();
    const logger = createLogger({ level: 'info', destination: log });
    const interaction = 'aW50ZXJhY3Rpb246MTIzNDU2.abc-DEF_ghi';
    logger.error(
      {
        err: new Error(
          `POST https://discord.com/api/v10/interactions/1234567890/${interaction}/callback failed`,
        ),
        url: `/webhooks/987654321/${interaction}/messages/@original`,
      },
      'request failed',
    );
    const line = log.raw.join('\n');
    expect(line).not.toContain(interaction);
    expect(line).toContain('/interactions/1234567890/[REDACTED]/callback');
    expect(line).toContain('/webhooks/987654321/[REDACTED]/messages/@original');
  });

  it('given hooks around stderr (the sandbox’s prompt), then they run before and after each line', () => {
    const calls: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      calls.push(`line:${String(chunk).includes('"msg":"hello"')}`);
      return true;
    }) as typeof process.stderr.write;
    try {
      const logger = createLogger({
        level: 'info',
        pretty: false,
        around: { before: () => calls.push('before'), after: () => calls.push('after') },
      });
      logger.warn('hello');
    } finally {
      process.stderr.write = write;
    }
    expect(calls).toEqual(['before', 'line:true', 'after']);
  });
});
