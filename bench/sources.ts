import path from 'node:path';
import { loadFaqDir } from '../src/faq/load.js';
import type { SearchIndex } from '../src/search/index.js';
import { Catalog } from '../src/sources/catalog.js';
import { DOCS } from '../src/sources/docs.js';
import { FaqIndex } from '../src/sources/faq.js';
import { MODELS, ModelIndex, type ModelEndpoint } from '../src/sources/models.js';
import { fixtureRows } from '../test/helpers/queries.js';
import { roundTrip, startBenchBot } from './autocomplete.js';
import { mb, ms, summarize } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every keystroke of every query of a dev file: what autocomplete is asked. */
const keystrokes = (file: string) =>
  fixtureRows(file)
    .map((row) => row[0]!)
    .flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));

function timeSearches(index: SearchIndex<unknown>, queries: string[], rounds = 3): number[] {
  for (const q of queries) index.search(q); // warm: JIT and the word cache, as a running bot is
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of queries) {
      const started = performance.now();
      index.search(q, 25);
      samples.push(performance.now() - started);
    }
  return samples;
}

/** A collection of 10,000 model-like documents: each real endpoint again under other names. */
function synthetic(models: readonly ModelEndpoint[], size = 10_000): ModelEndpoint[] {
  return Array.from({ length: size }, (_, i) => {
    const model = models[i % models.length]!;
    const copy = Math.floor(i / models.length);
    const endpoint = copy === 0 ? model.endpoint : `${model.endpoint}-variant${copy}`;
    return { ...model, id: `model:${endpoint}`, endpoint };
  });
}

/**
 * `npm run bench` (with the autocomplete suite): each source's in-process search, a synthetic
 * 10,000-document collection, and /docs and /model autocomplete over discord.js against the floor.
 */
export async function benchSources(): Promise<void> {
  const faq = new FaqIndex((await loadFaqDir(path.join(ROOT, 'faq-data'))).entries);
  const docs = await Catalog.open(DOCS, path.join(ROOT, 'snapshots/docs.json'));
  const models = await Catalog.open(MODELS, path.join(ROOT, 'snapshots/models.json'));
  console.log(
    'search in-process, every keystroke of the dev queries (target p99 ≤ 2 ms with all sources loaded)',
  );
  const line = (label: string, n: number, samples: number[], target: number) => {
    const s = summarize(samples);
    console.log(
      `  ${label.padEnd(26)} ${String(n).padStart(6)} docs  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  (≤ ${target} ms: ${s.p99 <= target ? 'yes' : 'no'})`,
    );
  };
  line(
    'faq (dev-queries)',
    faq.entries.length,
    timeSearches(faq, keystrokes('dev-queries.tsv')),
    2,
  );
  line(
    'docs (dev-docs)',
    docs.index.entries.length,
    timeSearches(docs.index, keystrokes('dev-docs.tsv')),
    2,
  );
  line(
    'models (dev-models)',
    models.index.entries.length,
    timeSearches(models.index, keystrokes('dev-models.tsv')),
    2,
  );
  const built = performance.now();
  const big = new ModelIndex(synthetic(models.index.entries));
  const buildMs = performance.now() - built;
  line(
    'synthetic (dev-models)',
    big.entries.length,
    timeSearches(big, keystrokes('dev-models.tsv'), 1),
    10,
  );
  console.log(`    (the synthetic index was built in ${ms(buildMs)})`);

  const local = await startBenchBot();
  try {
    const member = local.emulator.createMember({ username: 'bench-sources' });
    console.log(
      'autocomplete over discord.js against the floor (interleaved pairs; target ratio p50 ≤ 1.2×)',
    );
    for (const [command, option, file] of [
      ['docs', 'topic', 'dev-docs.tsv'],
      ['model', 'endpoint', 'dev-models.tsv'],
    ] as const) {
      const queries = keystrokes(file);
      const mine: number[] = [];
      const floor: number[] = [];
      const full: number[] = [];
      for (let i = 0; i < 3000; i++) {
        const q = queries[i % queries.length]!;
        // Interleaved, the order turning, so that all three see the same machine noise.
        const order = [
          () => roundTrip(local.emulator, member, command, q, option),
          () => roundTrip(local.emulator, member, 'bench-floor', q),
          () => roundTrip(local.emulator, member, 'bench-floor-25', q),
        ];
        const times: number[] = [];
        for (let k = 0; k < 3; k++) times[(k + i) % 3] = await order[(k + i) % 3]!();
        if (i >= 500) {
          mine.push(times[0]!);
          floor.push(times[1]!);
          full.push(times[2]!);
        }
      }
      const m = summarize(mine);
      const f = summarize(floor);
      const f25 = summarize(full);
      const ratio = m.p50 / f25.p50;
      console.log(
        `  /${command.padEnd(6)} p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  ratio p50 to the 25-choice floor (${ms(f25.p50)}) ${ratio.toFixed(2)}× (≤ 1.2×: ${ratio <= 1.2 ? 'yes' : 'no'}), to the 2-choice floor (${ms(f.p50)}) ${(m.p50 / f.p50).toFixed(2)}×`,
      );
    }
    global.gc?.();
    const heap = process.memoryUsage().heapUsed;
    console.log(
      `  heap after GC with the bot, the emulator and all three sources loaded: ${mb(heap)} (cap 128 MB: ${heap < 128 * 1024 * 1024 ? 'under' : 'OVER'})`,
    );
  } finally {
    await local.close();
  }
}
