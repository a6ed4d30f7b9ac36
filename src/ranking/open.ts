import type { Config } from '../config.js';
import type { Sources } from '../sources/registry.js';
import { Knowledge, type Teachings } from './knowledge.js';
import { MappingsLibrary } from './mappings.js';
import { Ranking } from './ranking.js';

/** The ranking as the bot and the CLI serve it: over `sources`, with the mappings and teachings. */
export interface Answers {
  ranking: Ranking;
  /** The mappings folder (MAPPINGS_DIR), reloaded on an edit. */
  mappings: MappingsLibrary;
}

/**
 * Opens the mappings folder (throws MappingsError naming each file and field at fault: start-up
 * must not serve half of what moderators wrote) and the ranking over it and `teachings`.
 */
export async function openAnswers(
  config: Pick<Config, 'MAPPINGS_DIR'>,
  sources: Sources,
  teachings?: Teachings,
): Promise<Answers> {
  const mappings = await MappingsLibrary.open(config.MAPPINGS_DIR, (id) => !!sources.find(id));
  const knowledge = new Knowledge(() => mappings.mappings, teachings);
  return { ranking: new Ranking(sources, (guildId) => knowledge.mappings(guildId)), mappings };
}
