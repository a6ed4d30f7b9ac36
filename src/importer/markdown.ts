import type { Nodes, Parents, PhrasingContent, RootContent } from 'mdast';

/** Mintlify callouts become a labelled quote; other components just give their content. */
const CALLOUTS: Record<string, string> = {
  Note: 'Note',
  Tip: 'Tip',
  Warning: 'Warning',
  Info: 'Info',
  Check: 'Check',
  Danger: 'Warning',
};

interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  children: RootContent[];
}

export interface RenderOptions {
  /** Makes a link absolute (relative links are resolved against the docs root or the page). */
  resolveUrl(href: string): string;
}

/** Discord reads these as formatting in plain text; pages also carry non-breaking and odd spaces. */
const escapeText = (text: string) =>
  text.replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ').replace(/([*_`~|\\])/g, '\\$1');

/**
 * Renders Markdown/MDX nodes as Discord Markdown: what an embed description shows well.
 * Headings become bold lines, callouts quotes, unknown components their content; every link
 * is made absolute.
 */
export function toDiscordMarkdown(nodes: readonly RootContent[], options: RenderOptions): string {
  return blocks(nodes, options)
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blocks(nodes: readonly RootContent[], o: RenderOptions): string[] {
  return nodes.map((n) => block(n, o)).filter((b) => b.trim() !== '');
}

function block(node: RootContent, o: RenderOptions): string {
  switch (node.type) {
    case 'paragraph': {
      // `<Tip>One line.</Tip>` parses as an inline element alone in its paragraph.
      const only =
        node.children.length === 1 ? (node.children[0] as unknown as JsxNode) : undefined;
      const label =
        only?.type === 'mdxJsxTextElement' && only.name ? CALLOUTS[only.name] : undefined;
      if (only && label)
        return quote(`**${label}:** ${inline(only.children as Nodes[], o).trim()}`);
      return inline(node.children, o).trim();
    }
    case 'heading':
      return `**${inline(node.children, o).trim()}**`;
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '-';
          const body = blocks(item.children, o).join('\n').replace(/\n/g, '\n   ');
          return `${marker} ${body}`;
        })
        .join('\n');
    case 'blockquote':
      return quote(blocks(node.children, o).join('\n\n'));
    case 'code':
      return `\`\`\`${node.lang ?? ''}\n${node.value}\n\`\`\``;
    case 'thematicBreak':
      return '───';
    case 'table':
      return node.children
        .map((row) => row.children.map((cell) => inline(cell.children, o).trim()).join(' | '))
        .join('\n');
    case 'html':
    case 'yaml':
    case 'definition':
      return '';
    default: {
      const jsx = node as unknown as JsxNode;
      if (jsx.type === 'mdxJsxFlowElement') {
        const body = blocks(jsx.children, o).join('\n\n');
        const label = jsx.name ? CALLOUTS[jsx.name] : undefined;
        return label ? quote(`**${label}:** ${body}`) : body;
      }
      return 'children' in node ? inline((node as Parents).children as PhrasingContent[], o) : '';
    }
  }
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function inline(nodes: readonly Nodes[], o: RenderOptions): string {
  return nodes.map((n) => phrase(n, o)).join('');
}

function phrase(node: Nodes, o: RenderOptions): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.value.replace(/\s*\n\s*/g, ' '));
    case 'strong':
      return `**${inline(node.children, o)}**`;
    case 'emphasis':
      return `_${inline(node.children, o)}_`;
    case 'delete':
      return `~~${inline(node.children, o)}~~`;
    case 'inlineCode':
      return `\`${node.value}\``;
    case 'break':
      return '\n';
    case 'link': {
      const text = inline(node.children, o).trim();
      const url = o.resolveUrl(node.url);
      return text && text !== url ? `[${text}](${url})` : url;
    }
    case 'image':
      return node.alt ? `[${node.alt}](${o.resolveUrl(node.url)})` : '';
    case 'html':
      return '';
    default: {
      const jsx = node as unknown as JsxNode;
      if (jsx.type === 'mdxJsxTextElement') return inline(jsx.children as Nodes[], o);
      return 'children' in node ? inline((node as Parents).children as Nodes[], o) : '';
    }
  }
}

/** Every link URL under `nodes`, resolved, in document order. */
export function linksIn(
  nodes: readonly RootContent[],
  resolveUrl: (href: string) => string,
): string[] {
  const found: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'link') found.push(resolveUrl(n.url));
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  for (const n of nodes) walk(n);
  return found;
}
