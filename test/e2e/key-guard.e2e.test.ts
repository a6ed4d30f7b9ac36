import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_GUARD_NAME, KEY_PATTERNS } from '../../src/bot/key-guard.js';
import { BOT_PERMISSIONS } from '../../src/emulator/state.js';
import { startTestBot, type TestBot } from '../helpers/local.js';
import { schemaViolations } from '../helpers/openapi.js';

const KEY = '0f3c9a52-8b1d-4e6f-9a7c-2d5e8b1f4a60:7d41c0b9e2a35f8861d04c7be93a2f15';

describe('the key guard (an AutoMod rule the bot keeps)', () => {
  let h: TestBot;
  beforeAll(async () => {
    h = await startTestBot({ env: { MOD_CHANNEL_ID: '' } });
    // The rule is kept in the background after start-up.
    for (let i = 0; i < 100 && h.emulator.state.autoModRules.size === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => h?.close());

  it('given the bot started, then its rule exists once: the key pattern, block with a message, enabled', () => {
    const [rule] = [...h.emulator.state.autoModRules.values()];
    expect(rule).toMatchObject({
      name: KEY_GUARD_NAME,
      enabled: true,
      trigger_type: 1,
      trigger_metadata: { regex_patterns: [...KEY_PATTERNS] },
      actions: [
        { type: 1, metadata: { custom_message: expect.stringContaining('Rotate the key') } },
      ],
    });
  });

  it('given a member pasting a key, then the message is blocked and they get a DM saying how to rotate it', async () => {
    const member = h.emulator.createMember({ username: 'paster' });
    const blocked = h.as(member).say(`my code: fal.config({ credentials: "${KEY}" })`);
    expect(blocked.deleted).toBe(true);
    const dm = h.emulator.state.dmChannel(member);
    await expect.poll(() => h.emulator.state.channelMessages(dm.id).length).toBe(1);
    const [notice] = h.emulator.state.channelMessages(dm.id);
    expect(notice!.content).toContain('Rotate it now: open https://fal.ai/dashboard/keys');
    expect(notice!.resolved).toEqual({ mentions: [], mention_roles: [], mention_everyone: false });
  });

  it('given ordinary messages, then nothing is blocked', () => {
    const member = h.emulator.createMember({ username: 'ordinary' });
    for (const text of [
      'Authorization: Key $FAL_KEY',
      'FAL_KEY=your-key-here',
      'request id 0f3c9a52-8b1d-4e6f-9a7c-2d5e8b1f4a60',
    ])
      expect(h.as(member).say(text).deleted, text).toBe(false);
  });

  it('given the bot restarted on a server whose rule was edited or disabled, then it is brought back, not duplicated', async () => {
    const [rule] = [...h.emulator.state.autoModRules.values()];
    rule!.enabled = false;
    const again = await startTestBot({ existing: { emulator: h.emulator, token: h.token } });
    try {
      await expect.poll(() => [...h.emulator.state.autoModRules.values()][0]!.enabled).toBe(true);
      expect(h.emulator.state.autoModRules.size).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('given every body the bot sent for it, then each validates against discord-openapi.json', () => {
    expect(schemaViolations(h.emulator.requests.filter((r) => r.status < 400))).toEqual([]);
  });
});

describe('the key guard where the bot may not manage the server', () => {
  it('given no Manage Server, then the log says what is missing and nothing breaks', async () => {
    const h = await startTestBot({
      emulator: {},
    });
    try {
      h.emulator.state.botGuildPermissions = BOT_PERMISSIONS & ~PermissionFlagsBits.ManageGuild;
      const again = await startTestBot({ existing: { emulator: h.emulator, token: h.token } });
      try {
        await expect
          .poll(() =>
            again.log.lines.some((l) => String(l.msg).startsWith('key guard off in this server')),
          )
          .toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await h.close();
    }
  });
});

describe('the key pattern', () => {
  const patterns = KEY_PATTERNS.map((p) => new RegExp(p, 'iu'));
  const fires = (text: string) => patterns.some((p) => p.test(text));

  it('given every message and query of the shared evaluation files, then it never fires', () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures');
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.tsv'))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(200);
    expect(lines.filter(fires)).toEqual([]);
  });

  it('given key-like strings that are not keys, then it does not fire; given keys as people paste them, then it does', () => {
    for (const text of [
      '0f3c9a52-8b1d-4e6f-9a7c-2d5e8b1f4a60',
      'Authorization: Key $FAL_KEY',
      'FAL_KEY="<your key>"',
      'sha256:7d41c0b9e2a35f8861d04c7be93a2f15',
      '0f3c9a52-8b1d-4e6f-9a7c-2d5e8b1f4a60:abc',
    ])
      expect(fires(text), text).toBe(false);
    for (const text of [KEY, `FAL_KEY=${KEY}`, `-H "Authorization: Key ${KEY}"`, KEY.toUpperCase()])
      expect(fires(text), text).toBe(true);
  });
});
