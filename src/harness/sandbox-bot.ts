import { ApplicationCommandType } from 'discord-api-types/v10';
import type { AnyCommand } from '../bot/command.js';
import type { Config } from '../config.js';
import { MODERATOR_PERMISSIONS } from '../emulator/state.js';
import type { Logger } from '../logger.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Sources } from '../sources/registry.js';
import { Store } from '../store/store.js';
import { startLocalBot, type LocalBot } from './local-bot.js';
import { MemberDriver } from './member.js';

export interface SandboxBotOptions {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  sources?: Sources;
  commands: readonly AnyCommand[];
  /** The sandbox member gets Manage Messages, so /faq-admin works. */
  asModerator?: boolean;
}

/**
 * The sandbox's Discord: the emulator and the real bot in this process, and a member (you), as
 * the terminal and the web page both use them; says so in two lines through `write`.
 */
export async function startSandboxBot(
  options: SandboxBotOptions,
  write: (text: string) => void,
): Promise<{ local: LocalBot; you: MemberDriver; close(): Promise<void> }> {
  // The emulated Discord lives as long as this process; so does what the bot remembers of it.
  const store = Store.open(':memory:');
  // A newcomer trying the same question twice should see the card twice, not a link into a
  // Discord that is not there, and one exploring alone is nobody to protect the channel from: the
  // sandbox has no cooldown and no per-member budgets.
  const config = {
    ...options.config,
    CARD_COOLDOWN_SECONDS: 0,
    MEMBER_CARD_LIMIT: 0,
    MEMBER_MENTION_LIMIT: 0,
    // The sandbox's app has the Message Content intent: a post's first message is read.
    HELP_FORUM_READ_MESSAGES: true,
  };
  const local = await startLocalBot({
    ...options,
    config,
    store,
    watchFaq: true,
    forums: [{ name: SANDBOX_FORUM, tags: ['api', 'billing', 'models'] }],
    emulator: { privilegedIntents: true },
  });
  const member = local.emulator.createMember({
    username: 'you',
    ...(options.asModerator ? { permissions: MODERATOR_PERMISSIONS } : {}),
  });
  write(
    `fal-faq-bot sandbox: the real bot is connected to a local Discord emulator at ${local.emulator.url} ` +
      `(no Discord account or token needed; set DISCORD_TOKEN to run on Discord).`,
  );
  write(
    `${options.library.index.entries.length} FAQ entries loaded from ${options.config.FAQ_DIR}; ${registeredNames(options.commands)} are registered.${options.asModerator ? ' You are a moderator.' : ''}`,
  );
  return {
    local,
    you: new MemberDriver(local.emulator, member),
    async close() {
      await local.close();
      store.close();
    },
  };
}

/** The sandbox's help forum, where `/post` opens a post. */
export const SANDBOX_FORUM = 'help-forum';

/** "/faq, /faq-admin and "Answer with FAQ"": slash commands as typed, context menus as shown. */
function registeredNames(commands: readonly AnyCommand[]): string {
  const names = commands.map((c) => {
    const { name, type } = c.data.toJSON();
    return type === ApplicationCommandType.Message ? `"${name}"` : `/${name}`;
  });
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}
