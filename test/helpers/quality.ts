import type { Ranking } from '../../src/ranking/ranking.js';
import type { Sources } from '../../src/sources/registry.js';
import { fixtureRows } from './queries.js';

/** How the ranking did on one labelled file; rates are fractions of `n`. */
export interface Quality {
  file: string;
  n: number;
  top1: number;
  top5: number;
  confidentRight: number;
  confidentWrong: number;
  /** Messages only: the right answer is among the Answer-with-FAQ menu's options. */
  menu?: number;
  menuFirst?: number;
  misses: string[];
}

const labels = () =>
  new Map(fixtureRows('labels.tsv').map(([label, regex]) => [label!, new RegExp(regex!, 'i')]));

/** A literal two-character `\n` in a message row stands for a newline. */
const unescape = (message: string) => message.replaceAll('\\n', '\n');

/**
 * Measures the ranking on a fixture, through what the contracts print (`faq ask --json`: the
 * answer, else the did-you-mean; `faq ask --message --json`: the menu): queries
 * (`dev-queries.tsv`, `holdout-queries.tsv`: label → regex over an FAQ question), messages
 * (`dev-messages.tsv`: the entry id) or off-topic queries (`none`).
 */
export function measureQuality(ranking: Ranking, sources: Sources, file: string): Quality {
  const rows = fixtureRows(file);
  const byLabel = labels();
  const isMessages = file.includes('messages');
  const matcher = (label: string): ((id: string) => boolean) => {
    if (label === 'none') return () => false;
    if (isMessages) return (id) => id === label;
    const regex = byLabel.get(label);
    if (!regex) throw new Error(`${file}: unknown label ${label}`);
    return (id) => regex.test(sources.faq.get(id)?.question ?? '');
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
    const resolution = ranking.resolve(text);
    const ranked =
      resolution.kind === 'answer'
        ? [resolution.hit, ...resolution.others].map((h) => h.id)
        : resolution.suggestions.map((h) => h.id);
    const rank = ranked.findIndex(right);
    if (rank === 0) q.top1++;
    if (rank >= 0 && rank < 5) q.top5++;
    if (resolution.kind === 'answer') {
      if (right(resolution.hit.id)) q.confidentRight++;
      else {
        q.confidentWrong++;
        q.misses.push(`confident wrong: ${raw} → ${resolution.hit.id}`);
      }
    }
    if (isMessages) {
      const menu = menuIds(ranking, text);
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

const menuIds = (ranking: Ranking, text: string) => {
  const menu = ranking.menu(text);
  return menu.kind === 'menu' ? menu.hits.map((h) => h.id) : [];
};

/** How Answer with FAQ did on real members' questions (`real-dev.tsv`). */
export interface RealQuality {
  /** Questions something answers, and how many of those the menu had in its 5, and first. */
  answerable: number;
  hit5: number;
  hit1: number;
  /** Questions nothing answers, and how many of those the bot said so for. */
  unanswerable: number;
  abstained: number;
  /** Free text answered with a public card that is not one of the row's answers. */
  confidentWrong: number;
  misses: string[];
}

/** One labelled real question: its text and the ids that answer it (none: nothing does). */
export function realRows(
  sources: Sources,
  file = 'real-dev.tsv',
): { text: string; answers: Set<string> }[] {
  const docs = sources.all.find((c) => c.source.name === 'docs')!;
  const byUrl = new Map(
    docs.index.entries.map((d) => [docs.source.url(d).replace(/\/+$/, ''), d.id]),
  );
  return fixtureRows(file).map(([message, faq, pages, models]) => {
    const answers = new Set<string>();
    const each = (cell: string | undefined, map: (v: string) => string) => {
      for (const v of (cell ?? '-').split('|')) if (v !== '-') answers.add(map(v));
    };
    each(faq, (id) => id);
    each(pages, (url) => byUrl.get(url.replace(/\/+$/, '')) ?? `missing:${url}`);
    each(models, (endpoint) => `model:${endpoint}`);
    return { text: unescape(message!), answers };
  });
}

/** Measures Answer with FAQ and free text on real questions (`real-dev.tsv` by default). */
export function measureReal(ranking: Ranking, sources: Sources, file?: string): RealQuality {
  const q: RealQuality = {
    answerable: 0,
    hit5: 0,
    hit1: 0,
    unanswerable: 0,
    abstained: 0,
    confidentWrong: 0,
    misses: [],
  };
  for (const { text, answers } of realRows(sources, file)) {
    const menu = menuIds(ranking, text);
    const resolution = ranking.resolve(text);
    if (resolution.kind === 'answer' && !answers.has(resolution.hit.id)) {
      q.confidentWrong++;
      q.misses.push(`confident wrong: ${text.slice(0, 70)} → ${resolution.hit.id}`);
    }
    if (answers.size === 0) {
      q.unanswerable++;
      if (menu.length === 0) q.abstained++;
      else q.misses.push(`offered for nothing: ${text.slice(0, 70)} → [${menu.join(', ')}]`);
      continue;
    }
    q.answerable++;
    const rank = menu.findIndex((id) => answers.has(id));
    if (rank === 0) q.hit1++;
    if (rank >= 0) q.hit5++;
    else q.misses.push(`not in menu: ${text.slice(0, 70)} → [${menu.join(', ')}]`);
  }
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
