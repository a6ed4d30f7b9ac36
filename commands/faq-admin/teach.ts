import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, Outcome } from '../../src/bot/command.js';
import { optionLabel } from '../../src/bot/faq-text.js';
import { sendChoices, sendNotice } from '../../src/bot/respond.js';
import { DISCORD_LIMITS, truncate } from '../../src/discord/limits.js';
import { literal } from '../../src/discord/literal.js';
import { MAPPING_LIMITS } from '../../src/ranking/mappings.js';
import type { Teaching } from '../../src/store/store.js';
import type { AdminSubcommand } from './subcommand.js';

/**
 * `/faq-admin teach wording:<what members write> answer:<an entry, page or model>`: from now on,
 * a message like that wording in this server is evidence for that answer (Answer with FAQ offers
 * it first, /faq may post it). Recorded with who and when; `/faq-admin unteach` takes it back.
 */
export const teach: AdminSubcommand = {
  name: 'teach',
  build: (s) =>
    s
      .setName('teach')
      .setDescription('Teach the bot that members who write this mean that answer')
      .addStringOption((o) =>
        o
          .setName('wording')
          .setDescription('What members write (a question as they put it, an error they paste)')
          .setRequired(true)
          .setMaxLength(MAPPING_LIMITS.wordingChars),
      )
      .addStringOption((o) =>
        o
          .setName('answer')
          .setDescription('The FAQ entry, docs page or model that answers it')
          .setRequired(true)
          .setAutocomplete(true),
      ),
  autocomplete: answerChoices,
  run: teachWording,
};

/** `/faq-admin unteach teaching:<one taught here>`: the wording no longer counts. */
export const unteach: AdminSubcommand = {
  name: 'unteach',
  build: (s) =>
    s
      .setName('unteach')
      .setDescription('Undo a wording taught with /faq-admin teach')
      .addStringOption((o) =>
        o
          .setName('teaching')
          .setDescription('The taught wording to undo')
          .setRequired(true)
          .setAutocomplete(true),
      ),
  autocomplete: teachingChoices,
  run: unteachWording,
};

async function teachWording(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<Outcome> {
  // Discord holds the option to its length; a wording is read no further whatever arrives.
  const wording = interaction.options
    .getString('wording', true)
    .slice(0, MAPPING_LIMITS.wordingChars)
    .trim();
  const answerId = interaction.options.getString('answer', true).trim();
  const found = ctx.sources.find(answerId);
  if (!found) {
    await sendNotice(
      interaction,
      `No FAQ entry, docs page or model has the id "${literal(answerId, 100)}": pick the answer from the list as you type.`,
    );
    return { outcome: 'teach-unknown-answer', sub: 'teach' };
  }
  if (wording.length < 2) {
    await sendNotice(interaction, 'The wording needs a few words members would write.');
    return { outcome: 'teach-empty', sub: 'teach' };
  }
  // Each wording is indexed with its answer: a server's teachings are bounded like a mappings folder.
  const here = ctx.store.teachings().filter((t) => t.guildId === interaction.guildId).length;
  if (here >= MAPPING_LIMITS.rules) {
    await sendNotice(
      interaction,
      `This server has ${here} taught wordings, the most it may have: undo some with \`/faq-admin unteach\`, or export them (\`npm run faq -- taught export\`) and fold them into the mappings.`,
    );
    return { outcome: 'teach-full', sub: 'teach' };
  }
  const taught = ctx.store.teach({
    guildId: interaction.guildId,
    wording,
    answerId,
    taughtBy: interaction.user.id,
    taughtByName: interaction.user.username,
  });
  // What a member writing exactly that gets now: the proof it took.
  const menu = ctx.answers.ranking.menu(wording, interaction.guildId);
  const first = menu.kind === 'menu' ? menu.hits[0]?.id : undefined;
  const title = optionLabel(found);
  await sendNotice(
    interaction,
    [
      `Taught (#${taught.id}): "${literal(wording, 200)}" → **${literal(title, 150)}**.`,
      first === answerId
        ? 'Answer with FAQ now offers it first for a message like that.'
        : 'Other evidence still ranks first for exactly that wording; it now counts for this answer too.',
      'Undo with `/faq-admin unteach`; `npm run faq -- taught export` writes what was taught to the repo.',
    ].join('\n'),
  );
  ctx.logger.info(
    { teaching: taught.id, answer: answerId, by: interaction.user.id },
    'wording taught',
  );
  return { outcome: 'taught', sub: 'teach', id: answerId };
}

async function unteachWording(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<Outcome> {
  const typed = interaction.options.getString('teaching', true).trim();
  const id = Number(typed.replace(/^#/, ''));
  const mine = ctx.store.teachings().find((t) => t.id === id && t.guildId === interaction.guildId);
  if (!Number.isInteger(id) || !mine) {
    await sendNotice(
      interaction,
      'No wording taught in this server has that number: pick it from the list as you type.',
    );
    return { outcome: 'unteach-unknown', sub: 'unteach' };
  }
  ctx.store.unteach(id, interaction.user.id);
  await sendNotice(
    interaction,
    `Undone (#${id}): "${literal(mine.wording, 200)}" no longer counts for **${literal(ctx.sources.titleOf(mine.answerId) ?? mine.answerId, 150)}**.`,
  );
  return { outcome: 'untaught', sub: 'unteach', id: mine.answerId };
}

/** Answers of every source for what is typed, ranked as members' messages are. */
async function answerChoices(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<Outcome> {
  const typed = interaction.options.getFocused();
  const hits = typed.trim()
    ? ctx.answers.ranking.rank(typed.slice(0, 200), interaction.guildId).hits
    : ctx.library.index
        .search('')
        .map((h) => ({ source: ctx.library.source, document: h.entry, id: h.entry.id }));
  const choices = hits.slice(0, DISCORD_LIMITS.choices).map((h) => ({
    name: truncate(optionLabel(h), DISCORD_LIMITS.choiceName),
    value: h.id,
  }));
  await sendChoices(interaction, choices);
  return { outcome: 'choices', count: choices.length };
}

/** This server's teachings whose wording or answer has what is typed, newest first. */
async function teachingChoices(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<Outcome> {
  const typed = interaction.options.getFocused().toLowerCase();
  const choices = ctx.store
    .teachings()
    .filter((t) => t.guildId === interaction.guildId)
    .filter((t) => describe(ctx, t).toLowerCase().includes(typed))
    .reverse()
    .slice(0, DISCORD_LIMITS.choices)
    .map((t) => ({
      name: truncate(describe(ctx, t), DISCORD_LIMITS.choiceName),
      value: String(t.id),
    }));
  await sendChoices(interaction, choices);
  return { outcome: 'choices', count: choices.length };
}

/** `#12 "wording" → title`: a teaching as lists show it. */
export function describe(ctx: Pick<BotContext, 'sources'>, t: Teaching): string {
  return `#${t.id} "${t.wording}" → ${ctx.sources.titleOf(t.answerId) ?? `${t.answerId} (removed)`}`;
}
