import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { ImportError } from './errors.js';
import { buildQuestion, type ImportedPage } from './imported.js';

/** Where the page's own content ends and the site's chrome begins. */
const CHROME_START = /^(was this page helpful\??|yesno)/i;

/**
 * A rendered docs page: YAML front matter (url, title), the site's navigation, then question
 * lines each followed by answer paragraphs, then page chrome. Navigation is every block up to
 * the last list made only of links; a question is a one-line paragraph of plain text that does
 * not end like a sentence; its answer is everything up to the next question.
 */
export function parseRenderedFaq(text: string, options: { pageUrl?: string } = {}): ImportedPage {
  const tree = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .parse(text) as Root;
  const front = tree.children.find((n) => n.type === 'yaml');
  const meta =
    (front && front.type === 'yaml' ? (parseYaml(front.value) as { url?: string } | null) : null) ??
    {};
  const pageUrl = options.pageUrl ?? meta.url;
  if (!pageUrl)
    throw new ImportError('the rendered page has no url in its front matter; pass --page-url');
  if (!URL.canParse(pageUrl))
    throw new ImportError(
      `the front matter's url "${pageUrl}" is not an absolute URL; pass --page-url`,
    );
  const origin = new URL(pageUrl).origin;
  const resolveUrl = (href: string) => new URL(href, pageUrl).toString();

  const body = tree.children.filter((n) => n.type !== 'yaml');
  const lastNav = body.findLastIndex(isLinkList);
  const end = body.findIndex(
    (n, i) => i > lastNav && n.type === 'paragraph' && CHROME_START.test(plainText(n).trim()),
  );
  const content = body.slice(lastNav + 1, end === -1 ? body.length : end);

  const questions: ImportedPage['questions'] = [];
  let current: { question: string; answer: RootContent[] } | undefined;
  const flush = () => {
    if (current && current.answer.length > 0) {
      questions.push(
        buildQuestion(current.question, current.answer, { pageUrl, docsRoot: origin, resolveUrl }),
      );
    }
  };
  for (const node of content) {
    if (isQuestionLine(node)) {
      flush();
      current = { question: plainText(node), answer: [] };
    } else if (current && node.type !== 'heading') {
      current.answer.push(node);
    }
  }
  flush();
  return { format: 'rendered', pageUrl, questions };
}

/** A rendered page starts with YAML front matter naming its url. */
export function looksLikeRenderedPage(text: string): boolean {
  return /^---\r?\n[\s\S]*?\burl:\s*\S+[\s\S]*?\r?\n---/.test(text);
}

function plainText(node: RootContent): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? (node.children as RootContent[]).map(plainText).join('') : '';
}

function isLinkList(node: RootContent): boolean {
  if (node.type !== 'list') return false;
  return node.children.every((item) =>
    item.children.every(
      (p) =>
        p.type === 'paragraph' &&
        p.children.every((c) => c.type === 'link' || (c.type === 'text' && !c.value.trim())),
    ),
  );
}

function isQuestionLine(node: RootContent): boolean {
  if (node.type !== 'paragraph' || node.children.length !== 1 || node.children[0]!.type !== 'text')
    return false;
  const text = node.children[0]!.value.trim();
  return text.length > 0 && text.length <= 200 && !text.includes('\n') && !/[.:!;,]$/.test(text);
}
