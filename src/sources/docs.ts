import type { Heading, List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { z } from 'zod';
import { SearchIndex, type Indexed } from '../search/index.js';
import { isStopWord, stem, words } from '../search/text.js';

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

export const docsPageSchema = z.strictObject({
  id: z.string().regex(/^docs:[\w./-]+$/),
  title: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  description: z.string(),
  section: z.array(z.string()),
  headings: z.array(z.strictObject({ title: z.string().min(1), anchor: z.string().min(1) })),
});

export const DOCS_ROOT = 'https://fal.ai/docs/';

/** `https://fal.ai/docs/a/b.md` → the page people open: `…/a/b`, and `…/a/index.md` → `…/a`. */
export function humanUrl(markdownUrl: string): string {
  return markdownUrl
    .replace(/[?#].*$/, '')
    .replace(/\.mdx?$/i, '')
    .replace(/\/index$/, '');
}

export function docsIdOf(url: string): string {
  return `docs:${url.startsWith(DOCS_ROOT) ? url.slice(DOCS_ROOT.length) : url.replace(/^https?:\/\//, '')}`;
}

/**
 * The pages of an llms.txt (llmstxt.org): Markdown list items `- [Title](url): description` under
 * headings nested from H2 to H6. Read with remark; the blockquote's own links (fal's "Agent
 * Instructions") are not the index and are skipped. A page listed twice keeps its first place.
 */
export function parseLlmsTxt(text: string): DocsPage[] {
  const tree = unified().use(remarkParse).parse(text) as Root;
  const path: { depth: number; title: string }[] = [];
  const pages = new Map<string, DocsPage>();
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = node as Heading;
      if (heading.depth === 1) continue;
      while (path.length > 0 && path.at(-1)!.depth >= heading.depth) path.pop();
      path.push({ depth: heading.depth, title: toString(heading).trim() });
    } else if (node.type === 'list') {
      for (const item of (node as List).children) {
        const page = pageOf(
          item,
          path.map((p) => p.title),
        );
        if (page && !pages.has(page.id)) pages.set(page.id, page);
      }
    }
  }
  return [...pages.values()];
}

function pageOf(item: ListItem, section: string[]): DocsPage | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const [first, ...rest] = paragraph.children as RootContent[];
  if (first?.type !== 'link') return undefined;
  const url = humanUrl(first.url);
  const description = rest
    .map((n) => toString(n))
    .join('')
    .replace(/^\s*:\s*/, '')
    .trim();
  return {
    id: docsIdOf(url),
    title: toString(first).trim(),
    url,
    description,
    section,
    headings: [],
  };
}

/**
 * The sections of a page's Markdown, each with the anchor Mintlify gives it: its H2 and H3
 * headings, and the titles of its `<Accordion>` blocks (an FAQ page's questions). Code blocks are
 * not headings (their `#` lines are comments), and neither is the page's own H1.
 */
export function pageHeadings(markdown: string): DocsPage['headings'] {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  const headings: DocsPage['headings'] = [];
  const add = (title: string) => {
    const anchor = slug(title);
    if (title && anchor && !headings.some((h) => h.anchor === anchor))
      headings.push({ title, anchor });
  };
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading' && node.depth >= 2 && node.depth <= 3) add(toString(node).trim());
      else if (node.type === 'html')
        for (const match of node.value.matchAll(/<Accordion\b[^>]*\btitle="([^"]+)"/g))
          add(match[1]!.trim());
      // A blockquote is Mintlify's banner ("Documentation Index") or a callout, not a section.
      if ('children' in node && node.type !== 'heading' && node.type !== 'blockquote')
        visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return headings;
}

/** Mintlify's heading anchors: lowercase, spaces to hyphens, other punctuation dropped. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

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
