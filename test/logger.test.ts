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
});
