import {
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  Events,
  RESTJSONErrorCodes,
  Routes,
  type AutoModerationActionExecution,
  type Client,
} from 'discord.js';
import { allowedMentions } from '../cards/render.js';
import { isDiscordError } from '../discord/errors.js';
import type { BotContext } from './command.js';

/** The rule's name, as moderators see it in Server Settings → AutoMod; how the bot finds its own. */
export const KEY_GUARD_NAME = 'fal API key guard (fal-faq-bot)';

/**
 * A fal API key as fal prints it: `<key id>:<key secret>`, a UUID, a colon and a hex secret. The
 * shape itself, not words around it: a UUID alone, `Key $FAL_KEY` or `FAL_KEY=your-key` are not
 * keys. Rust-flavoured regex (what AutoMod runs), which JavaScript reads the same.
 */
export const KEY_PATTERNS = [
  '\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{24,64}\\b',
] as const;

/** What the member sees instead of their message (AutoMod shows it under the message box). */
export const BLOCKED_MESSAGE =
  'That message held a fal API key, so it was not posted. Rotate the key at fal.ai/dashboard/keys.';

/** Where a member rotates a key. */
const KEYS_URL = 'https://fal.ai/dashboard/keys';

/** The rule the bot keeps in a server: block the message, alert MOD_CHANNEL_ID if there is one. */
export function keyGuardRule(alertChannelId?: string) {
  return {
    name: KEY_GUARD_NAME,
    event_type: AutoModerationRuleEventType.MessageSend,
    trigger_type: AutoModerationRuleTriggerType.Keyword,
    trigger_metadata: { regex_patterns: [...KEY_PATTERNS], keyword_filter: [], allow_list: [] },
    actions: [
      {
        type: AutoModerationActionType.BlockMessage,
        metadata: { custom_message: BLOCKED_MESSAGE },
      },
      ...(alertChannelId
        ? [
            {
              type: AutoModerationActionType.SendAlertMessage,
              metadata: { channel_id: alertChannelId },
            },
          ]
        : []),
    ],
    enabled: true,
  };
}

type Rule = ReturnType<typeof keyGuardRule> & { id: string };

/**
 * Keeps the key guard rule in each server the bot is in: created when missing, brought up to date
 * when it differs, never duplicated (found by its name). Where the bot lacks Manage Server, it
 * says so in the log and leaves the server as it is.
 */
export async function keepKeyGuard(client: Client<true>, ctx: BotContext): Promise<void> {
  if (!ctx.config.KEY_GUARD) return;
  const wanted = keyGuardRule(ctx.config.MOD_CHANNEL_ID);
  for (const guild of client.guilds.cache.values()) {
    try {
      const rules = (await ctx.rest.get(Routes.guildAutoModerationRules(guild.id))) as Rule[];
      const mine = rules.find((r) => r.name === KEY_GUARD_NAME);
      if (!mine) {
        await ctx.rest.post(Routes.guildAutoModerationRules(guild.id), { body: wanted });
        ctx.logger.info({ guild: guild.id }, 'key guard created (AutoMod rule)');
      } else if (differs(mine, wanted)) {
        await ctx.rest.patch(Routes.guildAutoModerationRule(guild.id, mine.id), { body: wanted });
        ctx.logger.info({ guild: guild.id }, 'key guard brought up to date (AutoMod rule)');
      }
    } catch (error) {
      ctx.logger.warn(
        { err: error, guild: guild.id },
        isDiscordError(error, RESTJSONErrorCodes.MissingPermissions) ||
          isDiscordError(error, RESTJSONErrorCodes.MissingAccess)
          ? 'key guard off in this server: the bot needs the Manage Server permission to keep its AutoMod rule (KEY_GUARD=false turns the guard off)'
          : 'could not keep the key guard (AutoMod rule)',
      );
    }
  }
}

function differs(rule: Rule, wanted: ReturnType<typeof keyGuardRule>): boolean {
  return (
    !rule.enabled ||
    JSON.stringify(rule.trigger_metadata.regex_patterns ?? []) !==
      JSON.stringify(wanted.trigger_metadata.regex_patterns) ||
    JSON.stringify(rule.actions) !== JSON.stringify(wanted.actions)
  );
}

/**
 * When the key guard blocks a message, its author is told in a DM how to rotate the key: the
 * blocked message may have been seen (a paste elsewhere, a screenshot), and the key still works.
 */
export function watchKeyGuard(client: Client, ctx: BotContext): { close(): void } {
  const onAction = (execution: AutoModerationActionExecution) => {
    if (execution.action.type !== AutoModerationActionType.BlockMessage) return;
    const rule = execution.autoModerationRule;
    // The rule is found by its id when cached, else only its name says it is ours.
    if (rule && rule.name !== KEY_GUARD_NAME) return;
    if (!rule && execution.action.metadata.customMessage !== BLOCKED_MESSAGE) return;
    void tellToRotate(ctx, execution.userId, execution.channelId).catch((error: unknown) =>
      ctx.logger.warn(
        { err: error, user: execution.userId },
        'could not tell a member to rotate a key',
      ),
    );
  };
  client.on(Events.AutoModerationActionExecution, onAction);
  return { close: () => client.off(Events.AutoModerationActionExecution, onAction) };
}

async function tellToRotate(ctx: BotContext, userId: string, channelId: string | null) {
  const dm = (await ctx.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
    id: string;
  };
  await ctx.rest.post(Routes.channelMessages(dm.id), {
    body: {
      content: [
        `Your message${channelId ? ` in <#${channelId}>` : ''} was not posted: it held a fal API key.`,
        `A key pasted anywhere public should be treated as leaked. Rotate it now: open ${KEYS_URL}, delete that key and create a new one, then put the new one in FAL_KEY wherever you use it (your server's environment, never code you share).`,
        'To share code, write `Authorization: Key $FAL_KEY` instead of the key.',
      ].join('\n'),
      allowed_mentions: allowedMentions(),
    },
  });
  ctx.logger.info({ user: userId }, 'told a member to rotate a key');
}
