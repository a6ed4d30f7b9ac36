import path from 'node:path';
import { DOCS } from '../src/sources/docs.js';
import { MODELS } from '../src/sources/models.js';
import type { AnySource } from '../src/sources/source.js';
import {
  measureQuality,
  measureReal,
  measureSourceQuality,
  type Quality,
} from '../test/helpers/quality.js';
import { fixtureRows } from '../test/helpers/queries.js';
import { shippedRanking, shippedSources } from '../test/helpers/ranking.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const FILES = [
  'dev-queries.tsv',
  'holdout-queries.tsv',
  'dev-messages.tsv',
  'holdout-messages.tsv',
  'dev-offtopic.tsv',
];
const pct = (x: number | undefined) =>
  x === undefined ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`;

/** `npm run bench -- quality`: search quality on the labelled files, against the targets. */
export async function benchQuality(verbose = false): Promise<Quality[]> {
  const sources = await shippedSources();
  const built = performance.now();
  const ranking = await shippedRanking();
  ranking.rank('warm the index up');
  const buildMs = performance.now() - built;
  console.log(
    'answer quality on the labelled files (test/fixtures, copied from shared/eval), ranked across every source',
  );
  console.log(
    '  file                  n   top-1   top-5  conf-right conf-wrong   menu  menu-first',
  );
  const results = FILES.map((file) => measureQuality(ranking, sources, file));
  for (const q of results) {
    console.log(
      `  ${q.file.padEnd(20)} ${String(q.n).padStart(3)}  ${pct(q.top1)}  ${pct(q.top5)}   ${pct(q.confidentRight)}    ${pct(q.confidentWrong)}  ${pct(q.menu)}  ${pct(q.menuFirst)}`,
    );
    if (verbose) for (const m of q.misses) console.log(`      ${m}`);
  }
  console.log(
    '  targets: queries top-1 ≥ 95%, top-5 ≥ 99%, conf-wrong 0; messages menu ≥ 98%, menu-first ≥ 85%, conf-wrong 0; off-topic confident ≤ 1 in 60',
  );
  const real = measureReal(ranking, sources);
  const rate = (x: number, n: number) => `${pct(x / n)} (${x}/${n})`;
  console.log("real members' questions (real-dev.tsv): Answer with FAQ's menu, and free text");
  console.log(
    `  has an answer in its 5: ${rate(real.hit5, real.answerable)}   first: ${rate(real.hit1, real.answerable)}   says nothing fits: ${rate(real.abstained, real.unanswerable)}   public cards wrong: ${real.confidentWrong}`,
  );
  console.log('  targets: in the 5 ≥ 75%, first ≥ 50%, says nothing fits ≥ 70%, wrong cards 0');
  if (verbose) for (const m of real.misses) console.log(`      ${m}`);
  // What one message costs (Answer with FAQ, /faq free text): every dev message and real question.
  const texts = [
    ...fixtureRows('dev-messages.tsv').map(([t]) => t!.replaceAll('\\n', '\n')),
    ...fixtureRows('real-dev.tsv').map(([t]) => t!),
  ];
  const times: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const text of texts) {
      const t0 = performance.now();
      ranking.menu(text);
      times.push(performance.now() - t0);
    }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
  console.log(
    `  one message ranked across the sources: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${times.length} runs); index over every source built in ${buildMs.toFixed(0)} ms`,
  );
  const bars: [AnySource, 'dev-docs.tsv' | 'dev-models.tsv', string][] = [
    [DOCS, 'dev-docs.tsv', 'top-1 ≥ 85%, top-5 ≥ 97%'],
    [MODELS, 'dev-models.tsv', 'top-1 ≥ 90%, top-5 ≥ 98%'],
  ];
  for (const [kind, file, target] of bars) {
    const catalog = await kind.open(path.join(ROOT, kind.location.default));
    const q = measureSourceQuality(
      (query) =>
        catalog.index
          .search(query)
          .map((h) => ({ id: h.entry.id, url: catalog.source.url(h.entry) })),
      file,
    );
    console.log(
      `  ${q.file.padEnd(20)} ${String(q.n).padStart(3)}  ${pct(q.top1)}  ${pct(q.top5)}   (targets ${target})`,
    );
    if (verbose) for (const m of q.misses) console.log(`      ${m}`);
  }
  return results;
}
