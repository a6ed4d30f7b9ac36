import path from 'node:path';
import { openAnswers } from '../../src/ranking/open.js';
import type { Ranking } from '../../src/ranking/ranking.js';
import { Mappings } from '../../src/ranking/mappings.js';
import { Ranking as RankingClass } from '../../src/ranking/ranking.js';
import { openSources, type Sources } from '../../src/sources/registry.js';

export const SHIPPED_MAPPINGS = path.resolve(import.meta.dirname, '../../mappings');

/** The shipped sources (faq-data, snapshots), each opened once per test file. */
let sources: Promise<Sources> | undefined;
export function shippedSources(): Promise<Sources> {
  const root = path.resolve(import.meta.dirname, '../..');
  sources ??= openSources({
    locations: {
      FAQ_DIR: path.join(root, 'faq-data'),
      DOCS_SNAPSHOT: path.join(root, 'snapshots/docs.json'),
      MODELS_SNAPSHOT: path.join(root, 'snapshots/models.json'),
    },
  });
  return sources;
}

/** The ranking the bot serves from the shipped data and mappings (no teachings). */
export async function shippedRanking(): Promise<Ranking> {
  return (await openAnswers({ MAPPINGS_DIR: SHIPPED_MAPPINGS }, await shippedSources())).ranking;
}

/** The ranking over the shipped sources with these rules only (none: words alone). */
export async function rankingWith(mappings = new Mappings([])): Promise<Ranking> {
  return new RankingClass(await shippedSources(), () => mappings);
}
