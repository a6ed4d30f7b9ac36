import type { APIEmbed } from 'discord-api-types/v10';
import { z } from 'zod';
import {
  DOCS_BUTTON_LABEL,
  defuseMentions,
  finishCard,
  type CardOptions,
  type MessageBody,
} from '../cards/render.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { SearchIndex, type Indexed } from '../search/index.js';
import { isStopWord, stem, words } from '../search/text.js';
import { snapshotSource } from './catalog.js';

/** One fal docs page, as llms.txt lists it (and, with `--pages`, the sections its Markdown has). */
export interface DocsPage {
  /** `docs:<path below https://fal.ai/docs/>`, e.g. `docs:documentation/model-apis/fal-cdn`. */
  id: string;
  title: string;
  /** The page a member opens (the llms.txt link without `.md`; an index page by its folder). */
  url: string;
  description: string;
  /** The headings llms.txt lists it under, outermost first (`Documentation › Model APIs`). */
  section: string[];
  /** The page's own section headings and their anchors, when its Markdown was read. */
  headings: { title: string; anchor: string }[];
}

/** Every field bounded: a page of the docs is a title, a sentence and its section headings. */
export const docsPageSchema: z.ZodType<DocsPage> = z.strictObject({
  id: z.string().regex(/^docs:[\w./-]+$/),
  title: z.string().min(1).max(300),
  url: z.url({ protocol: /^https$/ }).max(512),
  description: z.string().max(4000),
  section: z.array(z.string().max(200)).max(20),
  headings: z
    .array(
      z.strictObject({ title: z.string().min(1).max(300), anchor: z.string().min(1).max(300) }),
    )
    .max(300),
});

const terms = (text: string) =>
  new Set(
    words(text)
      .filter((w) => !isStopWord(w))
      .map(stem),
  );

/** The last query's words, stemmed: one autocomplete asks about up to 25 pages with the same query. */
let lastQuery: { query: string; terms: Set<string> } | undefined;
function queryTerms(query: string): Set<string> {
  if (lastQuery?.query !== query) lastQuery = { query, terms: terms(query) };
  return lastQuery.terms;
}

const stemmedPages = new WeakMap<DocsPage, { title: Set<string>; headings: Set<string>[] }>();

function pageTerms(page: DocsPage) {
  let found = stemmedPages.get(page);
  if (!found) {
    found = { title: terms(page.title), headings: page.headings.map((h) => terms(h.title)) };
    stemmedPages.set(page, found);
  }
  return found;
}

/**
 * The section of `page` a query is about, when it names one its title does not: "per-endpoint
 * limit" is the Per-Endpoint Limits section of Concurrency Limits. The heading that shares the
 * most such words wins; none when the query says nothing beyond the title.
 */
export function sectionFor(
  page: DocsPage,
  query: string,
): DocsPage['headings'][number] | undefined {
  // Asked on every keystroke for the first suggestions: most pages have no sections to look at,
  // and a page's own words are stemmed once.
  if (page.headings.length === 0) return undefined;
  const { title, headings } = pageTerms(page);
  const asked = [...queryTerms(query)].filter((t) => !title.has(t));
  let best: { heading: DocsPage['headings'][number]; shared: number } | undefined;
  for (const [i, heading] of page.headings.entries()) {
    const own = headings[i]!;
    const shared = asked.filter((t) => own.has(t)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { heading, shared };
  }
  return best?.heading;
}

/**
 * A page's title is what it is about (evidence); its description, section and headings say more.
 * The description weighs well under half the title: it is a sentence of general words ("Python",
 * "your app", "models"), and one of them matched as typed must not outrank a title that names the
 * subject through a synonym ("python sdk" is Client Setup: "the fal client library"). Set on the
 * shared dev queries, where 0.3–0.5 reach the same and 0.55 and up lose a page from the top 5.
 */
export function describeDocsPage(page: DocsPage): Indexed {
  return {
    id: page.id,
    fields: [
      { text: page.title, weight: 1, evidence: true },
      { text: page.headings.map((h) => h.title).join(' \n '), weight: 0.7, evidence: true },
      { text: page.description, weight: 0.45, evidence: false },
      { text: page.section.join(' '), weight: 0.4, evidence: false },
      // The page's address names it too (`…/model-apis/fal-cdn`).
      {
        text: page.id.slice('docs:'.length).split('/').slice(1).join(' '),
        weight: 0.5,
        evidence: false,
      },
    ],
    // At equal score the page whose address says least besides: "runners" before "debug-runners".
    sortKey: `${String(page.id.split('/').at(-1)!.length).padStart(3, '0')} ${page.title}`,
  };
}

export class DocsIndex extends SearchIndex<DocsPage> {
  constructor(pages: readonly DocsPage[]) {
    super(pages, describeDocsPage);
  }
}

/** A docs page: its title linked to the page, its description, where it sits in the docs. */
export function renderDocsCard(
  page: DocsPage,
  options: CardOptions = {},
  anchor?: string,
): MessageBody {
  const url = anchor ? `${page.url}#${anchor}` : page.url;
  const where = page.section.length > 0 ? `\n\n**In the docs:** ${page.section.join(' › ')}` : '';
  const sections =
    page.headings.length > 0
      ? `\n**On this page:** ${page.headings
          .slice(0, 8)
          .map((h) => h.title)
          .join(
            ' · ',
          )}${page.headings.length > 8 ? ` · …and ${page.headings.length - 8} more` : ''}`
      : '';
  const embed: APIEmbed = {
    title: truncate(defuseMentions(page.title), DISCORD_LIMITS.embedTitle),
    url,
    description: truncate(
      defuseMentions(`${page.description || 'A page of the fal docs.'}${where}${sections}`),
      DISCORD_LIMITS.embedDescription,
    ),
  };
  return finishCard({ id: page.id, embed, links: [{ label: DOCS_BUTTON_LABEL, url }] }, options);
}

/** `/docs topic:<page>`: any page of the fal docs, from its title, description and sections. */
export const DOCS = snapshotSource<DocsPage>({
  name: 'docs',
  prefix: 'docs:',
  location: { variable: 'DOCS_SNAPSHOT', default: 'snapshots/docs.json' },
  schema: docsPageSchema,
  index: (pages) => new DocsIndex(pages),
  describe: describeDocsPage,
  title: (page) => page.title,
  url: (page) => page.url,
  card: (page, options, anchor) => renderDocsCard(page, options, anchor),
  section: (page, query) => sectionFor(page, query),
  anchors: (page) => page.headings.map((h) => h.anchor),
  command: {
    name: 'docs',
    description: 'Link a page of the fal docs',
    option: 'topic',
    optionDescription: 'What is it about? Start typing and pick a page',
    nothing: 'No docs page matches',
  },
});
