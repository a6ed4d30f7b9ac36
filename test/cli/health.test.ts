import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/local.js';
import { runScript } from '../helpers/run.js';

let h: TestBot;
let port: number;
const health = (args: string[] = [], env: Record<string, string> = {}) =>
  runScript('src/cli/main.ts', ['health', ...args], {
    env: { ...process.env, FAQ_DIR: '', HEALTH_PORT: String(port), ...env },
  });

beforeAll(async () => {
  port = 20_000 + Math.floor(Math.random() * 20_000);
  h = await startTestBot({
    dataDir: await mkdtemp(path.join(tmpdir(), 'faq-health-')),
    env: { HEALTH_PORT: String(port) },
  });
});
afterAll(async () => h?.close());

describe('faq health', () => {
  it('given the bot connected with its database and sources, then exit 0 and one ok line per check', async () => {
    const r = await health();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}gateway: connected; last event \d+ s ago$/m);
    expect(r.stdout).toMatch(/^ok {3}database: writable/m);
    expect(r.stdout).toMatch(/^ok {3}faq: 15 document\(s\)/m);
    const json = JSON.parse((await health(['--json'])).stdout) as { ok: boolean };
    expect(json.ok).toBe(true);
  });

  it('given the database no longer writable, then exit 1 naming it', async () => {
    const touch = h.store.touchHealth.bind(h.store);
    h.store.touchHealth = () => {
      throw new Error('attempt to write a readonly database');
    };
    try {
      const r = await health();
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /^FAIL database: not writable: attempt to write a readonly database$/m,
      );
    } finally {
      h.store.touchHealth = touch;
    }
  });

  it('given the gateway down, then exit 1 naming it', async () => {
    // Discord ending the session for good (an authentication failure): discord.js does not reconnect.
    h.emulator.gateway.close(4004, 'Authentication failed.');
    await h.bot.gatewayLost;
    const r = await health();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL gateway: not connected/m);
  });

  it('given no bot answering, or no HEALTH_PORT, then exit 1 saying so', async () => {
    const none = await health([], { HEALTH_PORT: String(port + 1) });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('is the bot running?');
    const unset = await health([], { HEALTH_PORT: '' });
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain('HEALTH_PORT is not set');
  });
});
