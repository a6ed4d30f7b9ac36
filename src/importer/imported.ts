import type { RootContent } from 'mdast';
import { linksIn, toDiscordMarkdown } from './markdown.js';

/** One question as the docs have it, ready to become (or update) an entry. */
export interface ImportedQuestion {
  question: string;
  answer: string;
  /** The card's link: the most specific docs page for this answer. */
  url: string;
  /** The page the question came from. */
  source: string;
}

export interface ImportedPage {
  format: 'mdx' | 'rendered';
  pageUrl: string;
  questions: ImportedQuestion[];
}

/**
 * Builds a question from its answer nodes. The card links to the first docs page the answer
 * links to (a page at least two levels under the docs root, so not a section index), else to
 * the FAQ page itself.
 */
export function buildQuestion(
  question: string,
  answerNodes: readonly RootContent[],
  context: { pageUrl: string; docsRoot: string; resolveUrl(href: string): string },
): ImportedQuestion {
  const root = context.docsRoot.replace(/\/+$/, '');
  const deepDocsLink = linksIn(answerNodes, context.resolveUrl).find((url) => {
    if (!url.startsWith(`${root}/`) || url.split('#')[0] === context.pageUrl) return false;
    return url.slice(root.length).split('/').filter(Boolean).length >= 2;
  });
  return {
    question: question.replace(/\s+/g, ' ').trim(),
    answer: toDiscordMarkdown(answerNodes, { resolveUrl: context.resolveUrl }),
    url: deepDocsLink ?? context.pageUrl,
    source: context.pageUrl,
  };
}

/** Resolves `href` against `base`; a root-relative path stays under the docs root's path. */
export function urlResolver(docsRoot: string): (href: string) => string {
  const root = docsRoot.replace(/\/+$/, '');
  return (href: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
    if (href.startsWith('/') || href.startsWith('#')) return `${root}${href}`;
    return new URL(href, `${root}/`).toString();
  };
}
