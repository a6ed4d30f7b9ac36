import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { buildQuestion, urlResolver, type ImportedPage } from './imported.js';

interface JsxElement {
  type: 'mdxJsxFlowElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  children: RootContent[];
}

/**
 * The docs source: Mintlify MDX whose `<Accordion title="…">` blocks are the questions.
 * Links are relative to the docs root (`/documentation/x` → `${base}/documentation/x`).
 */
export function parseMdxFaq(
  text: string,
  options: { base: string; pageUrl: string },
): ImportedPage {
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).parse(text) as Root;
  const resolveUrl = urlResolver(options.base);
  const questions: ImportedPage['questions'] = [];
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      const jsx = node as unknown as JsxElement;
      if (jsx.type === 'mdxJsxFlowElement' && jsx.name === 'Accordion') {
        const title = jsx.attributes.find(
          (a) => a.type === 'mdxJsxAttribute' && a.name === 'title',
        )?.value;
        if (typeof title === 'string' && title.trim()) {
          questions.push(
            buildQuestion(title, jsx.children, {
              pageUrl: options.pageUrl,
              docsRoot: options.base,
              resolveUrl,
            }),
          );
          continue;
        }
        // A question with no title is a mistake in the source, not something to skip quietly.
        const line = (node as { position?: { start: { line: number } } }).position?.start.line;
        throw new MissingTitleError(line ?? 0);
      }
      if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return { format: 'mdx', pageUrl: options.pageUrl, questions };
}

/** An `<Accordion>` without a (non-empty) title, at `line` of the source. */
export class MissingTitleError extends Error {
  constructor(readonly line: number) {
    super('an <Accordion> has no title: each question needs title="…"');
  }
}

/** The MDX source is recognised by its Accordion components. */
export function looksLikeMdx(text: string): boolean {
  return /<Accordion(Group)?[\s>]/.test(text);
}
