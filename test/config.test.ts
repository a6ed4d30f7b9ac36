import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SOURCES } from '../src/sources/registry.js';
import { ROOT } from './helpers/run.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, requireDeployConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('given an empty environment, then it applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DISCORD_API_URL: 'https://discord.com/api',
      FAQ_DIR: 'faq-data',
      DATA_DIR: 'data',
      MOD_ROLE_IDS: [],
      FEEDBACK_BUTTONS: true,
      CARD_COOLDOWN_SECONDS: 60,
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.LOG_LEVEL).toBeUndefined();
  });

  it('given yes/no settings in any case, then one rule reads them; anything else is refused', () => {
    expect(loadConfig({ FEEDBACK_BUTTONS: 'TRUE' }).FEEDBACK_BUTTONS).toBe(true);
    expect(loadConfig({ FEEDBACK_BUTTONS: 'Off' }).FEEDBACK_BUTTONS).toBe(false);
    expect(() => loadConfig({ FEEDBACK_BUTTONS: 'maybe' })).toThrow(
      'FEEDBACK_BUTTONS: must be true or false (yes/no, on/off, 1/0)',
    );
  });

  it('given a role id that is not one, then the message names the variable and the value', () => {
    expect(() => loadConfig({ MOD_ROLE_IDS: '123456789012345678, abc' })).toThrow(
      'MOD_ROLE_IDS: "abc" is not a Discord role id (17 to 20 digits)',
    );
  });

  it('given blank optional variables (as in .env.example), then they count as unset', () => {
    const config = loadConfig({ DISCORD_GUILD_ID: '', DISCORD_TOKEN: '  ', LOG_LEVEL: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it('given several bad variables, then one error lists every one of them', () => {
    const attempt = () =>
      loadConfig({
        DISCORD_CLIENT_ID: 'abc',
        DISCORD_GUILD_ID: '12',
        DISCORD_API_URL: 'ftp://example.com',
        LOG_LEVEL: 'loud',
        CARD_COOLDOWN_SECONDS: '-1',
        FEEDBACK_BUTTONS: 'maybe',
        MOD_ROLE_IDS: '123456789012345678,nope',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      for (const name of [
        'DISCORD_CLIENT_ID',
        'DISCORD_GUILD_ID',
        'DISCORD_API_URL',
        'LOG_LEVEL',
        'CARD_COOLDOWN_SECONDS',
        'FEEDBACK_BUTTONS',
        'MOD_ROLE_IDS',
      ]) {
        expect(message).toContain(name);
      }
      expect(message).not.toMatch(/\n\s+at /);
    }
  });

  it('given a REST base with a trailing slash, then it is normalised', () => {
    expect(loadConfig({ DISCORD_API_URL: 'http://127.0.0.1:9999/api/' }).DISCORD_API_URL).toBe(
      'http://127.0.0.1:9999/api',
    );
  });

  it('given comma-separated moderator roles, then they become a list of ids', () => {
    expect(
      loadConfig({ MOD_ROLE_IDS: '123456789012345678, 223456789012345678' }).MOD_ROLE_IDS,
    ).toEqual(['123456789012345678', '223456789012345678']);
  });
});

describe('requireDeployConfig', () => {
  it('given no token and no client id, then both are named', () => {
    expect(() => requireDeployConfig(loadConfig({}))).toThrow(
      /DISCORD_TOKEN[\s\S]*DISCORD_CLIENT_ID/,
    );
  });

  it('given both, then it passes', () => {
    const config = requireDeployConfig(
      loadConfig({ DISCORD_TOKEN: 'x'.repeat(20), DISCORD_CLIENT_ID: '123456789012345678' }),
    );
    expect(config.DISCORD_CLIENT_ID).toBe('123456789012345678');
  });
});

describe('numbers in the configuration', () => {
  it('given a fraction, a word or a number out of bounds, then each says in words what it must be', () => {
    expect(() =>
      loadConfig({
        CARD_COOLDOWN_SECONDS: '1.5',
        MEMBER_CARD_LIMIT: 'abc',
        MEMBER_LIMIT_WINDOW_SECONDS: '0',
      }),
    ).toThrow(
      [
        'CARD_COOLDOWN_SECONDS: must be a whole number from 0 to 86400',
        'MEMBER_CARD_LIMIT: must be a whole number from 0 to 1000',
        'MEMBER_LIMIT_WINDOW_SECONDS: must be a whole number from 1 to 86400',
      ].join('\n  - '),
    );
  });
});

describe('.env.example', () => {
  it('given every variable the configuration and the registered sources read, then each is in .env.example', async () => {
    const example = await readFile(path.join(ROOT, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [...CONFIG_VARIABLES, ...SOURCES.map((s) => s.location.variable)];
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });
});

describe('docs/operating.md', () => {
  it('given every variable the configuration and the registered sources read, then each is a row of its Configuration table', async () => {
    const doc = await readFile(path.join(ROOT, 'docs/operating.md'), 'utf8');
    const rows = new Set([...doc.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\|/gm)].map((m) => m[1]));
    const read = [...CONFIG_VARIABLES, ...SOURCES.map((s) => s.location.variable)];
    expect(read.filter((name) => !rows.has(name))).toEqual([]);
  });
});
