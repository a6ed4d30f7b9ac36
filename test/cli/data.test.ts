import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/emulator/state.js';
import { MODERATOR_PERMISSIONS } from '../../src/emulator/state.js';
import { replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { runScript } from '../helpers/run.js';

/** The CLI as other tools call it, on this test's DATA_DIR. */
let dataDir: string;
const faq = (args: string[]) =>
  runScript('src/cli/main.ts', args, { env: { ...process.env, FAQ_DIR: '', DATA_DIR: dataDir } });

let h: TestBot;
let mod: Member;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-data-cli-'));
  h = await startTestBot({ dataDir });
  mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  const member = h.emulator.createMember({ username: 'member' });
  await h.as(member).run('faq', { topic: 'credits-expire' });
  await h.as(member).run('faq', { topic: 'zzqx nothing answers this' });
  await h
    .as(mod)
    .run(
      'faq-admin',
      { wording: 'sticker pack export', answer: 'retention' },
      { subcommand: 'teach' },
    );
});
afterAll(async () => h?.close());

describe('stats, export and backup from the shell (the bot running on the same DATA_DIR)', () => {
  it('given faq stats, then it prints exactly what /faq-admin stats replies; --json is the report it is written from', async () => {
    const reply = replyOf(await h.as(mod).run('faq-admin', {}, { subcommand: 'stats' }));
    const text = await faq(['stats']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trimEnd()).toBe(reply.content);
    const json = await faq(['stats', '--json', '--days', '7']);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      days: 7,
      guildId: h.emulator.state.guild.id,
      topEntries: [{ entryId: 'credits-expire', count: 1, title: 'Do my credits expire?' }],
      gaps: [{ command: 'faq', query: 'zzqx nothing answers this', count: 1 }],
      taught: [{ wording: 'sticker pack export', answerId: 'retention' }],
    });
  });

  it('given faq export, then usage, feedback, gaps and taught wordings come out as JSON, or as CSV tables', async () => {
    const json = JSON.parse((await faq(['export'])).stdout) as {
      usage: unknown[];
      gaps: { query: string }[];
      taught: unknown[];
    };
    expect(json.usage).toHaveLength(2);
    expect(json.gaps.map((g) => g.query)).toEqual(['zzqx nothing answers this']);
    expect(json.taught).toHaveLength(1);
    const csv = (await faq(['export', '--csv'])).stdout;
    expect(csv).toContain('# usage\nat,guildId,command,outcome,entryId,query\n');
    expect(csv).toContain('# taught\n');
    expect(csv).toContain('sticker pack export');
  });

  it('given faq backup, then a consistent copy opens with the same rows; an existing file is refused', async () => {
    const target = path.join(dataDir, 'backup.sqlite');
    const done = await faq(['backup', target]);
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 2 });
    copy.close();
    const again = await faq(['backup', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
  });

  it('given --days out of range, then exit 2 naming --days', async () => {
    const bad = await faq(['stats', '--days', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days takes a whole number of days from 1 to 365');
  });
});
