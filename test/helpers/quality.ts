import { answerMenu, resolveTopic } from '../../src/search/resolve.js';
import type { FaqIndex } from '../../src/sources/faq.js';
import { fixtureRows } from './queries.js';

/** How a search did on one labelled file; rates are fractions of `n`. */
export interface Quality {
  file: string;
  n: number;
  top1: number;
  top5: number;
  confidentRight: number;
  confidentWrong: number;
  /** Messages only: the right entry is among the Answer-with-FAQ menu's options. */
  menu?: number;
  menuFirst?: number;
  misses: string[];
}

const labels = () =>
  new Map(fixtureRows('labels.tsv').map(([label, regex]) => [label!, new RegExp(regex!, 'i')]));

/** A literal two-character `\n` in a message row stands for a newline. */
const unescape = (message: string) => message.replaceAll('\\n', '\n');

/**
 * Measures `index` on a fixture: queries (`dev-queries.tsv`, `holdout-queries.tsv`: label → regex
 * over the question), messages (`dev-messages.tsv`: the entry id) or off-topic queries (`none`).
 */
export function measureQuality(index: FaqIndex, file: string): Quality {
  const rows = fixtureRows(file);
  const byLabel = labels();
  const isMessages = file.includes('messages');
  const matcher = (label: string): ((id: string) => boolean) => {
    if (label === 'none') return () => false;
    if (isMessages) return (id) => id === label;
    const regex = byLabel.get(label);
    if (!regex) throw new Error(`${file}: unknown label ${label}`);
    return (id) => regex.test(index.get(id)!.question);
  };
  const q: Quality = {
    file,
    n: rows.length,
    top1: 0,
    top5: 0,
    confidentRight: 0,
    confidentWrong: 0,
    misses: [],
    ...(isMessages ? { menu: 0, menuFirst: 0 } : {}),
  };
  for (const [raw, label] of rows) {
    const text = isMessages ? unescape(raw!) : raw!;
    const right = matcher(label!);
    const ranked = index.search(text).map((h) => h.entry.id);
    const rank = ranked.findIndex(right);
    if (rank === 0) q.top1++;
    if (rank >= 0 && rank < 5) q.top5++;
    const resolution = resolveTopic(index, text);
    if (resolution.kind === 'entry') {
      if (right(resolution.entry.id)) q.confidentRight++;
      else {
        q.confidentWrong++;
        q.misses.push(`confident wrong: ${raw} → ${resolution.entry.id}`);
      }
    }
    if (isMessages) {
      const menu = answerMenu(index, text).map((h) => h.entry.id);
      if (menu.some(right)) q.menu!++;
      else q.misses.push(`not in menu: ${raw} → [${menu.join(', ')}]`);
      if (menu[0] !== undefined && right(menu[0])) q.menuFirst!++;
    } else if (label !== 'none' && rank !== 0) q.misses.push(`rank ${rank}: ${raw}`);
  }
  for (const key of [
    'top1',
    'top5',
    'confidentRight',
    'confidentWrong',
    'menu',
    'menuFirst',
  ] as const)
    if (q[key] !== undefined) q[key] = q[key]! / q.n;
  return q;
}

/** How `/docs` or `/model` search did on its labelled file (`dev-docs.tsv`, `dev-models.tsv`). */
export function measureSourceQuality(
  search: (query: string) => { id: string; url: string }[],
  file: 'dev-docs.tsv' | 'dev-models.tsv',
): Pick<Quality, 'file' | 'n' | 'top1' | 'top5' | 'misses'> {
  const rows = fixtureRows(file);
  const normalise = (url: string) =>
    url
      .replace(/#.*$/, '')
      .replace(/\/$/, '')
      .replace(/\/index$/, '');
  let top1 = 0;
  let top5 = 0;
  const misses: string[] = [];
  for (const [query, acceptable] of rows) {
    const accepts =
      file === 'dev-docs.tsv'
        ? (() => {
            const urls = new Set(acceptable!.split('|').map(normalise));
            return (hit: { url: string }) => urls.has(normalise(hit.url));
          })()
        : acceptable!.startsWith('re:')
          ? (() => {
              const regex = new RegExp(acceptable!.slice(3));
              return (hit: { id: string }) => regex.test(hit.id.replace(/^model:/, ''));
            })()
          : (() => {
              const ids = new Set(acceptable!.split('|'));
              return (hit: { id: string }) => ids.has(hit.id.replace(/^model:/, ''));
            })();
    const ranked = search(query!);
    const rank = ranked.findIndex(accepts);
    if (rank === 0) top1++;
    else
      misses.push(
        `rank ${rank}: ${query} → ${ranked
          .slice(0, 3)
          .map((h) => h.id)
          .join(', ')}`,
      );
    if (rank >= 0 && rank < 5) top5++;
  }
  return { file, n: rows.length, top1: top1 / rows.length, top5: top5 / rows.length, misses };
}
