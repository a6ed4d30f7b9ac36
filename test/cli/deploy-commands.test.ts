import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../src/emulator/emulator.js';
import { bareEnv, runScript } from '../helpers/run.js';

const TOKEN = 'deploy-test-token-0123456789';
let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ token: TOKEN });
});
afterAll(async () => {
  await emu.close();
});

const deploy = (env: Record<string, string>, args: string[] = []) =>
  runScript('src/deploy-commands.ts', args, {
    env: bareEnv({ DISCORD_API_URL: emu.apiUrl, ...env }),
  });

describe('npm run deploy-commands', () => {
  it('given DISCORD_GUILD_ID, then the commands are bulk-overwritten in that guild', async () => {
    const result = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: emu.state.applicationId,
      DISCORD_GUILD_ID: emu.state.guild.id,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `guild ${emu.state.guild.id}: faq, docs, model, faq-admin, Answer with FAQ`,
    );
    expect(emu.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/applications/${emu.state.applicationId}/guilds/${emu.state.guild.id}/commands`,
      status: 200,
    });
  });

  it('given no guild, then globally', async () => {
    const result = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: emu.state.applicationId,
    });
    expect(result.code).toBe(0);
    expect(emu.state.globalCommands.map((c) => c.name)).toEqual([
      'faq',
      'docs',
      'model',
      'faq-admin',
      'Answer with FAQ',
      'Check fal request',
    ]);
  });

  it('given a rejected token, then non-zero with the reason and without the token', async () => {
    const wrong = 'wrong-token-abcdefghijklmnop';
    const result = await deploy({
      DISCORD_TOKEN: wrong,
      DISCORD_CLIENT_ID: emu.state.applicationId,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Registering commands failed: .*401|Unauthorized/);
    expect(result.stderr).toContain('Check DISCORD_TOKEN');
    expect(result.stderr).not.toContain(wrong);
  });

  it('given a DISCORD_API_URL without /api, then the 404 names DISCORD_API_URL', async () => {
    const result = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: emu.state.applicationId,
      DISCORD_API_URL: emu.apiUrl.replace(/\/api$/, ''),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Check DISCORD_API_URL: it must be the REST base ending in /api',
    );
  });

  it('given missing settings, then non-zero naming each', async () => {
    const result = await deploy({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN');
    expect(result.stderr).toContain('DISCORD_CLIENT_ID');
  });

  it('given --print and no settings, then the bodies it would register are printed as JSON and Discord is not called', async () => {
    const before = emu.requests.length;
    const result = await deploy({}, ['--print']);
    expect(result.code).toBe(0);
    const bodies = JSON.parse(result.stdout) as { name: string }[];
    expect(bodies.map((b) => b.name)).toEqual(
      expect.arrayContaining(['faq', 'docs', 'model', 'faq-admin', 'Answer with FAQ']),
    );
    expect(emu.requests.length).toBe(before);
  });
});
