import path from 'node:path';
import { ChannelType } from 'discord-api-types/v10';
import { loadConfig } from '../src/config.js';
import { startLocalBot, type LocalBot } from '../src/harness/local-bot.js';
import { MemberDriver } from '../src/harness/member.js';
import { createLogger } from '../src/logger.js';
import type { Answers } from '../src/ranking/open.js';
import type { Ranking } from '../src/ranking/ranking.js';
import { FaqLibrary } from '../src/sources/faq.js';
import { Store } from '../src/store/store.js';
import { commandsFor } from '../commands/index.js';
import { realRows } from '../test/helpers/quality.js';
import { shippedSources } from '../test/helpers/ranking.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A post's title as members write one: the message's first sentence, at most 100 characters. */
const titleOf = (text: string) => (text.split(/(?<=[?.!:])\s/)[0] ?? text).slice(0, 100);

/**
 * `npm run bench -- forum`: the real questions of `real-dev.tsv` opened as help-forum posts, titles
 * only and title + first message, through the real bot on the emulator: how many get a reply, how
 * many replies hold a labelled answer, how many posts nothing answers stay silent, and the time
 * from the post to the bot's reply against a floor bot (the same bot whose ranking always
 * answers with one fixed entry).
 */
export async function benchForum(): Promise<void> {
  const sources = await shippedSources();
  const rows = realRows(sources);
  console.log(`help forum replay: ${rows.length} real questions opened as posts (real-dev.tsv)`);
  for (const readMessages of [false, true]) {
    const real = await forumBot(readMessages);
    const floor = await forumBot(readMessages, (ranking) => fixedRanking(ranking));
    try {
      let replied = 0;
      let holdsAnswer = 0;
      let answerable = 0;
      let silentOnNothing = 0;
      let nothing = 0;
      const times = { real: [] as number[], floor: [] as number[] };
      // Warm-up: both bots' first posts pay for JIT and caches.
      for (const [i, row] of rows.slice(0, 20).entries()) {
        await postAndWait(floor, `wf${i}`, titleOf(row.text), '');
        await postAndWait(real, `wr${i}`, titleOf(row.text), '');
      }
      for (const [i, row] of rows.entries()) {
        const body = readMessages ? row.text : '';
        // Interleaved, so that the host's noise falls on both alike.
        const floorRun = await postAndWait(floor, `f${i}`, titleOf(row.text), body);
        times.floor.push(floorRun.ms);
        const run = await postAndWait(real, `r${i}`, titleOf(row.text), body);
        times.real.push(run.ms);
        // Each post twice more, for figures steadier than 49 samples.
        for (const round of [1, 2]) {
          times.floor.push(
            (await postAndWait(floor, `f${i}.${round}`, titleOf(row.text), body)).ms,
          );
          times.real.push((await postAndWait(real, `r${i}.${round}`, titleOf(row.text), body)).ms);
        }
        const answered = run.handled.outcome === 'answered';
        if (answered) replied++;
        if (row.answers.size === 0) {
          nothing++;
          if (!answered) silentOnNothing++;
        } else {
          answerable++;
          if (run.handled.suggested.some((id) => row.answers.has(id))) holdsAnswer++;
        }
      }
      const p = (xs: number[], q: number) =>
        [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
      const ratio = p(times.real, 0.5) / p(times.floor, 0.5);
      console.log(
        `  ${readMessages ? 'title + first message' : 'title only          '}: replied ${replied}/${rows.length}; the labelled answer in the reply ${holdsAnswer}/${answerable}; silent on ${silentOnNothing}/${nothing} nothing answers`,
      );
      console.log(
        `    post → reply p50 ${p(times.real, 0.5).toFixed(2)} ms, p99 ${p(times.real, 0.99).toFixed(2)} ms; floor p50 ${p(times.floor, 0.5).toFixed(2)} ms, p99 ${p(times.floor, 0.99).toFixed(2)} ms; ratio p50 ${ratio.toFixed(2)}× (target ≤ 1.2×)`,
      );
    } finally {
      await real.close();
      await floor.close();
    }
  }
}

/** A bot with a help forum and no reply limit; `rank` may replace its ranking (the floor). */
async function forumBot(
  readMessages: boolean,
  rank?: (ranking: Ranking) => Ranking,
): Promise<LocalBot & { forumId: string }> {
  const config = loadConfig({
    FAQ_DIR: path.join(ROOT, 'faq-data'),
    LOG_LEVEL: 'silent',
    HELP_FORUM_READ_MESSAGES: String(readMessages),
    HELP_FORUM_NOTHING: 'silent',
    HELP_FORUM_REPLIES_PER_MINUTE: '0',
  });
  const library = await FaqLibrary.open(config.FAQ_DIR);
  const { openSources } = await import('../src/sources/registry.js');
  const sources = await openSources(config, { given: [library] });
  const { openAnswers } = await import('../src/ranking/open.js');
  const answers: Answers = await openAnswers(config, sources);
  const local = await startLocalBot({
    config,
    logger: createLogger({ level: 'silent' }),
    library,
    sources,
    answers: rank ? { ...answers, ranking: rank(answers.ranking) } : answers,
    store: Store.open(':memory:'),
    commands: commandsFor(sources.all.map((c) => c.source)),
    watchFaq: false,
    forums: [{ name: 'help' }],
    emulator: { privilegedIntents: true },
  });
  local.emulator.recording = false;
  const forum = [...local.emulator.state.channels.values()].find(
    (c) => c.type === ChannelType.GuildForum,
  )!;
  return Object.assign(local, { forumId: forum.id });
}

/** The floor: a ranking that always offers the same FAQ entry, at no cost. */
function fixedRanking(ranking: Ranking): Ranking {
  const fixed = ranking.menu('Is there a rate limit?');
  return Object.assign(Object.create(ranking) as Ranking, { menu: () => fixed });
}

async function postAndWait(
  bot: LocalBot & { forumId: string },
  who: string,
  title: string,
  body: string,
) {
  const member = new MemberDriver(bot.emulator, bot.emulator.createMember({ username: who }));
  const started = performance.now();
  const { outcome } = await member.postAndWait(bot.forumId, title, body);
  return {
    handled: outcome ?? { threadId: '', outcome: 'failed' as const, suggested: [] },
    ms: performance.now() - started,
  };
}
