import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/command.js';
import { sendNotice } from '../src/bot/respond.js';
import { checkRequest, correctedSnippet, type CheckResult } from '../src/check/request.js';
import { DISCORD_LIMITS, truncate } from '../src/discord/limits.js';
import { MODELS, type ModelEndpoint } from '../src/sources/models.js';

/** The code fence of each language the corrected snippet is written in. */
const FENCE = { curl: 'sh', js: 'js', python: 'python', json: 'json' } as const;

/**
 * Checks the fal request in `text` against the model catalog; `endpoint` is the one meant when the
 * request names none (`/model endpoint:… check:…`).
 */
function check(text: string, ctx: Pick<BotContext, 'sources'>, endpoint?: string): CheckResult {
  const catalog = ctx.sources.of(MODELS);
  const models = {
    get: (id: string) => catalog.get(id),
    all: catalog.index.entries as readonly ModelEndpoint[],
  };
  const result = checkRequest(text, models);
  if (result.endpoint || !endpoint) return result;
  // The endpoint goes on a line of its own before the request, where a pasted id would be.
  return checkRequest(`${endpoint.replace(/^model:/, '')}\n${text}`, models);
}

/**
 * Says privately what the endpoint would refuse or ignore in the request in `text`, each field
 * named, with the request corrected in the language it was written in. The text is read, never run.
 */
export async function answerCheck(
  interaction: Parameters<typeof sendNotice>[0],
  ctx: Pick<BotContext, 'sources'>,
  text: string,
  endpoint?: string,
): Promise<Outcome> {
  const result = check(text, ctx, endpoint);
  const model = result.endpoint
    ? ctx.sources.of(MODELS).get(`model:${result.endpoint}`)
    : undefined;
  const lines = [
    result.problems.length === 0
      ? `No problem found: the request fits \`${result.endpoint}\`'s inputs.`
      : `${result.endpoint ? `Checked against \`${result.endpoint}\`` : 'Could not tell the endpoint'}: ${result.problems.length} problem(s).`,
    ...result.problems.map((p) => `• ${p.field ? `\`${p.field}\` ` : ''}(${p.kind}): ${p.hint}`),
  ];
  const snippet = result.problems.length ? correctedSnippet(result, model) : undefined;
  const code = snippet
    ? `\n\nCorrected:\n\`\`\`${FENCE[result.language]}\n${snippet.replaceAll('```', "'''")}\n\`\`\``
    : '';
  // The list is cut before the snippet, so the snippet is never cut in the middle.
  const head = truncate(lines.join('\n'), DISCORD_LIMITS.content - Math.min(code.length, 1200));
  await sendNotice(
    interaction,
    `${head}${code.length <= DISCORD_LIMITS.content - head.length ? code : ''}`,
  );
  return {
    outcome: 'checked',
    endpoint: result.endpoint,
    problems: result.problems.map((p) => p.kind),
  };
}

/**
 * "Check fal request" (right-click a message → Apps): reads the fal request in the message (a
 * cURL command, a fal.subscribe or fal_client call, JSON with an endpoint) and answers privately
 * with what `answerCheck` finds.
 */
export const checkFalRequest = {
  data: new ContextMenuCommandBuilder()
    .setName('Check fal request')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),

  execute: (interaction: MessageContextMenuCommandInteraction, ctx) =>
    answerCheck(interaction, ctx, interaction.targetMessage.content),
} satisfies Command<MessageContextMenuCommandInteraction>;
