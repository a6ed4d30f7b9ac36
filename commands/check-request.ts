import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { sendNotice } from '../src/bot/respond.js';
import { checkRequest, correctedSnippet } from '../src/check/request.js';
import { DISCORD_LIMITS, truncate } from '../src/discord/limits.js';
import { MODELS, type ModelEndpoint } from '../src/sources/models.js';

/** The code fence of each language the corrected snippet is written in. */
const FENCE = { curl: 'sh', js: 'js', python: 'python', json: 'json' } as const;

/**
 * "Check fal request" (right-click a message → Apps): reads the fal request in the message (a
 * cURL command, a fal.subscribe or fal_client call, JSON with an endpoint) and says privately
 * what the endpoint would refuse or ignore, each field named, with the request corrected. The
 * message is read as text, never run.
 */
export const checkFalRequest = {
  data: new ContextMenuCommandBuilder()
    .setName('Check fal request')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction: MessageContextMenuCommandInteraction, { sources }) {
    const catalog = sources.of(MODELS);
    const result = checkRequest(interaction.targetMessage.content, {
      get: (id) => catalog.get(id),
      all: catalog.index.entries as readonly ModelEndpoint[],
    });
    const model = result.endpoint ? catalog.get(`model:${result.endpoint}`) : undefined;
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
  },
} satisfies Command<MessageContextMenuCommandInteraction>;
