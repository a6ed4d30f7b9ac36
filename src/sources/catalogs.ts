import type { Config } from '../config.js';
import { Catalog, DOCS, MODELS } from './catalog.js';
import type { DocsPage } from './docs.js';
import type { ModelEndpoint } from './models.js';

/** The sources beside the FAQ, as the bot serves them. */
export interface Catalogs {
  docs: Catalog<DocsPage>;
  models: Catalog<ModelEndpoint>;
}

const opened = new Map<string, Promise<Catalogs>>();

/**
 * Opens the docs and model snapshots named in the configuration (throws SnapshotError naming the
 * file when one is unusable). A process that starts several bots (tests, benchmarks) reads each
 * pair of files once.
 */
export function openCatalogs(
  config: Pick<Config, 'DOCS_SNAPSHOT' | 'MODELS_SNAPSHOT'>,
): Promise<Catalogs> {
  const key = `${config.DOCS_SNAPSHOT}\n${config.MODELS_SNAPSHOT}`;
  let catalogs = opened.get(key);
  if (!catalogs) {
    catalogs = (async () => ({
      docs: await Catalog.open(DOCS, config.DOCS_SNAPSHOT),
      models: await Catalog.open(MODELS, config.MODELS_SNAPSHOT),
    }))();
    catalogs.catch(() => opened.delete(key));
    opened.set(key, catalogs);
  }
  return catalogs;
}

/** What a card's id names, in whichever source has it: its title, for stats and feedback. */
export function titleOf(
  id: string,
  faq: { get(id: string): { question: string } | undefined },
  catalogs: Catalogs,
): string | undefined {
  if (id.startsWith(DOCS.prefix)) return catalogs.docs.get(id)?.title;
  if (id.startsWith(MODELS.prefix)) return catalogs.models.get(id)?.endpoint;
  return faq.get(id)?.question;
}
