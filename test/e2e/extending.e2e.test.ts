import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ADMIN_SUBCOMMANDS } from '../../commands/faq-admin/index.js';
import type { AnyCommand } from '../../src/bot/command.js';
import { runCli } from '../../src/cli/cli.js';
import { loadConfig } from '../../src/config.js';
import { customIdsOf } from '../../src/discord/custom-id.js';
import { readCommandLine, type TypedCommand } from '../../src/harness/command-line.js';
import { MemberDriver, registeredCommands } from '../../src/harness/member.js';
import { SOURCES } from '../../src/sources/registry.js';
import { CHANGELOG } from '../helpers/changelog-source.js';
import { echo } from '../helpers/echo-command.js';
import { whoami } from '../helpers/whoami-subcommand.js';
import { startTestBot } from '../helpers/local.js';
import { pipeIntoSandbox } from '../helpers/sandbox.js';
import { ROOT } from '../helpers/run.js';

/** The one line that registers the throwaway source: everything below derives from it. */
const registry = [...SOURCES, CHANGELOG];

/** The sandbox, piped, over `registry` and `extra` commands, as a moderator: what it prints. */
const sandboxWith = (lines: string, extra: AnyCommand[] = [], admin = ADMIN_SUBCOMMANDS) =>
  pipeIntoSandbox(lines, { registry, extra, admin, asModerator: true });

describe('a fourth source, registered with one line', () => {
  it('given /changelog typed, then its notes are suggested; picked, then its card is posted; a vote on the card counts', async () => {
    const bot = await startTestBot({ registry });
    try {
      const you = new MemberDriver(bot.emulator, bot.emulator.createMember({ username: 'ana' }));
      const typed = readCommandLine(
        '/changelog webhook retried',
        registeredCommands(bot.emulator),
      ) as TypedCommand;
      const choices = await you.type(typed);
      expect(choices[0]).toEqual({
        name: 'Webhooks are retried for 24 hours',
        value: 'changelog:2026-11-webhook-retries',
      });
      const { interaction } = await you.submit({
        ...typed,
        values: { note: String(choices[0]!.value) },
      });
      const card = interaction.original!;
      expect((card.embeds[0] as { title: string }).title).toBe('Webhooks are retried for 24 hours');
      const up = customIdsOf(card).find((id) => id.includes(':up:'))!;
      expect(up).toBe('faq-fb:up:changelog:2026-11-webhook-retries');
      const pressed = await you.press(card, up);
      expect((pressed.responses[0]!.data as { content: string }).content).toBe(
        'Thanks, noted as helpful.',
      );
      const stats = bot.store.stats(30, bot.emulator.state.guild.id);
      expect(JSON.stringify(stats)).toContain('changelog:2026-11-webhook-retries');
    } finally {
      await bot.close();
    }
  });

  it('given the CLI, then search --source changelog answers from it, and --source names it among the others', async () => {
    let out = '';
    const stdout = new PassThrough().on('data', (c: Buffer) => (out += String(c)));
    const code = await runCli(['search', '--source', 'changelog', '--json', 'python client'], {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
      config: () =>
        loadConfig({ CHANGELOG_SNAPSHOT: `${ROOT}/test/fixtures/changelog/changelog.json` }),
      sources: registry,
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)[0]).toMatchObject({
      id: 'changelog:2026-09-python-client-2',
      title: 'fal_client 2.0 for Python',
      url: 'https://fal.ai/changelog#2026-09-python-client-2',
    });
    const refused = runCli(['search', '--source', 'blog', 'x'], {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
      config: () => loadConfig({}),
      sources: registry,
    });
    await expect(refused).rejects.toThrow(
      '--source takes faq, docs, models, changelog, not "blog"',
    );
  });

  it('given the terminal sandbox, then /changelog suggests its notes and posts the first one’s card, and help lists it', async () => {
    const out = await sandboxWith('/changelog cdn regions\nhelp\n');
    expect(out).toContain('> /changelog cdn regions\n   1. The CDN serves from three more regions');
    expect(out).toContain('│ The CDN serves from three more regions');
    expect(out).toContain('/changelog <words>');
    expect(out).toContain('A note of the fal changelog');
  });
});

describe('a throwaway command, registered with one line', () => {
  it('given the terminal sandbox, then /echo is read against its registered options and answered; help lists it', async () => {
    const out = await sandboxWith('/echo hello there loud:yes\n/echo\nhelp\n', [echo]);
    expect(out).toContain('> /echo hello there loud:yes\necho: HELLO THERE');
    expect(out).toContain('/echo needs a words: type `/echo <words>`');
    expect(out).toMatch(/\/echo <words> \[loud:true\] +Says back what you typed/);
  });

  it('given a command the bot does not have, then the sandbox says it is not a command', async () => {
    const out = await sandboxWith('/frobnicate now\n');
    expect(out).toContain(
      '/frobnicate is not a command here: the commands are /faq, /docs, /model, /changelog and /faq-admin',
    );
  });
});

describe('a throwaway moderator subcommand, registered with one line', () => {
  it('given /faq-admin whoami in the sandbox, then it is read, checked and answered, and help lists it', async () => {
    const out = await sandboxWith(
      '/faq-admin whoami channel:#help\n/faq-admin nope\nhelp\n',
      [],
      [...ADMIN_SUBCOMMANDS, whoami],
    );
    expect(out).toContain('(only you can see this)\nYou are you, a moderator in #help.');
    expect(out).toContain('it has pin, unpin, reload, stats, teach, unteach, solved and whoami');
    expect(out).toMatch(/\/faq-admin whoami \[channel:#name\]\s+Says who is asking, and where/);
  });
});
