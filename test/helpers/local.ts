import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ClientOptions } from 'discord.js';
import { commandsFor } from '../../commands/index.js';
import type { AnyCommand } from '../../src/bot/command.js';
import { openSources, SOURCES } from '../../src/sources/registry.js';
import type { AnySource } from '../../src/sources/source.js';
import { loadConfig } from '../../src/config.js';
import type { DiscordEmulator, EmulatorOptions } from '../../src/emulator/emulator.js';
import type { Member, StoredInteraction, StoredMessage } from '../../src/emulator/state.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { startLocalBot, type LocalBot } from '../../src/harness/local-bot.js';
import { MemberDriver } from '../../src/harness/member.js';
import { FaqLibrary } from '../../src/sources/faq.js';
import { createLogger } from '../../src/logger.js';
import { Store } from '../../src/store/store.js';

export const SHIPPED_FAQ = path.resolve(import.meta.dirname, '../../faq-data');

/** A fresh temporary folder holding the shipped FAQ, for a test that edits it. */
export async function copyOfShippedFaq(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
  await cp(SHIPPED_FAQ, dir, { recursive: true });
  return dir;
}

/** Log lines the bot wrote during a test, parsed. */
export class CapturedLog extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

export interface TestBotOptions {
  faqDir?: string;
  env?: Record<string, string>;
  /** A folder for the database (default: in memory). */
  dataDir?: string;
  /** The wall clock the database sees (default: the real one). */
  now?: () => number;
  /** Restart against a running emulator. */
  existing?: { emulator: DiscordEmulator; token: string };
  watchFaq?: boolean;
  pinRetryMs?: number;
  clientOptions?: Partial<ClientOptions>;
  /** The sources the bot answers from (default: the registry's). */
  registry?: readonly AnySource[];
  /** Commands besides those of the sources. */
  extraCommands?: readonly AnyCommand[];
  /** Help forums the emulated guild gets (their ids join HELP_FORUM_IDS). */
  forums?: { name: string; tags?: string[] }[];
  /** How the emulator is started (privileged intents granted, …). */
  emulator?: EmulatorOptions;
}

export type TestBot = LocalBot & {
  log: CapturedLog;
  library: FaqLibrary;
  store: Store;
  /** `member` acting in the emulated Discord: types, submits, presses, uses message commands. */
  as(member: Member): MemberDriver;
};

/** The real bot and a fresh (or given) emulator, logging into memory. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const log = new CapturedLog();
  const config = loadConfig({
    FAQ_DIR: options.faqDir ?? SHIPPED_FAQ,
    // Never the working copy's data/: a refresh there must not change what a test serves.
    DATA_DIR: options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'faq-data-'))),
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logger = createLogger({
    level: config.LOG_LEVEL ?? 'debug',
    destination: log,
    pretty: false,
  });
  const library = await FaqLibrary.open(config.FAQ_DIR);
  const registry = options.registry ?? SOURCES;
  const sources = await openSources(config, { registry, given: [library] });
  const store = Store.open(options.dataDir ?? ':memory:', options.now);
  const local = await startLocalBot({
    config,
    logger,
    library,
    sources,
    store,
    commands: [...commandsFor(registry), ...(options.extraCommands ?? [])],
    existing: options.existing,
    watchFaq: options.watchFaq ?? false,
    pinRetryMs: options.pinRetryMs,
    clientOptions: options.clientOptions,
    forums: options.forums,
    emulator: options.emulator,
  }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  return {
    ...local,
    log,
    library,
    store,
    as: (member) => new MemberDriver(local.emulator, member),
    async close() {
      await local.close();
      store.close();
    },
  };
}

/**
 * What the member was answered: the reply, or for a deferred one (moderator commands) what
 * completed it. Wait for a deferred one with `emulator.finalAnswer` first.
 */
export function replyOf(i: StoredInteraction): Record<string, any> {
  const first = i.responses[0]!;
  if (first.type !== InteractionResponseType.DeferredChannelMessageWithSource)
    return first.data as Record<string, any>;
  return (i.followups[0] ?? i.original) as unknown as Record<string, any>;
}

/** "Answer with FAQ" used on `target` by `member`: the private menu it shows, and picking from it. */
export async function answerWithFaq(
  emulator: DiscordEmulator,
  member: Member,
  target: StoredMessage,
) {
  const menu = await emulator.interact(
    emulator.state.messageCommandInteraction({ command: 'Answer with FAQ', member, target }),
  );
  const select = (menu.responses[0]!.data as { components: { components: MenuSelect[] }[] })
    .components[0]!.components[0]!;
  return {
    menu,
    select,
    pick: (entryId: string) =>
      emulator.interact(
        emulator.state.componentInteraction({
          member,
          message: menu.original!,
          customId: select.custom_id,
          values: [entryId],
        }),
      ),
  };
}

interface MenuSelect {
  custom_id: string;
  options: { label: string; value: string }[];
}
