import type { Heading, List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { DocsPage } from '../sources/docs.js';

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
  return listedPages(text).map((listed) => listed.page);
}

/** The pages of an llms.txt, each with the line it is listed on (for what an import says of it). */
export function listedPages(text: string): { page: DocsPage; line: number }[] {
  const tree = unified().use(remarkParse).parse(text) as Root;
  const path: { depth: number; title: string }[] = [];
  const pages = new Map<string, { page: DocsPage; line: number }>();
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
        if (page && !pages.has(page.id))
          pages.set(page.id, { page, line: item.position?.start.line ?? 0 });
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
