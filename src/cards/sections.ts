import { truncate } from '../discord/limits.js';
import { defuseMentions } from './render.js';

/** One titled list in a notice, such as a part of `/faq-admin stats`. */
export interface Section {
  title: string;
  rows: string[];
}

/** Room kept for the line that counts the rows left out ("…and 999 more."). */
const COUNT_LINE = 16;

/**
 * Sections under a header as one message text of at most `max` characters. Every section keeps
 * its title: sections that fit a fair share are shown whole and leave what they do not use to
 * the others; rows past a section's share are counted, not shown, so that one long list cannot
 * push the sections after it out of the message.
 */
export function renderSections(header: string, given: Section[], max: number): string {
  // Defused before fitting: a notice defuses its text anyway, and that lengthens it.
  const sections = given.map(({ title, rows }) => ({
    title: defuseMentions(title),
    rows: rows.map(defuseMentions),
  }));
  const natural = sections.map((s) => fitSection(s, Infinity).length);
  const shares = new Array<number>(sections.length);
  let budget = max - header.length - 2 * sections.length;
  let pending = sections.map((_, i) => i);
  while (pending.length > 0) {
    const share = Math.floor(budget / pending.length);
    const whole = pending.filter((i) => natural[i]! <= share);
    if (whole.length === 0) {
      for (const i of pending) shares[i] = share;
      break;
    }
    for (const i of whole) {
      shares[i] = Infinity;
      budget -= natural[i]!;
    }
    pending = pending.filter((i) => !whole.includes(i));
  }
  return [header, ...sections.map((s, i) => fitSection(s, shares[i]!))].join('\n\n');
}

function fitSection({ title, rows }: Section, share: number): string {
  const head = truncate(`**${title}**`, share);
  if (rows.length === 0) return truncate(`${head}\n_nothing yet_`, share);
  const kept: string[] = [];
  let used = head.length;
  for (const [i, row] of rows.entries()) {
    // A row longer than the share is cut rather than dropped: one long query must not hide the rest.
    const line = truncate(row, Math.max(1, share - head.length - 1 - COUNT_LINE));
    const countLine = i === rows.length - 1 ? 0 : COUNT_LINE;
    if (used + 1 + line.length + countLine > share) break;
    kept.push(line);
    used += 1 + line.length;
  }
  const left = rows.length - kept.length;
  return [head, ...kept, ...(left > 0 ? [`…and ${left} more.`] : [])].join('\n');
}

/** `items` joined with commas in at most `max` characters; those left out are counted. */
export function fitList(items: string[], max: number): string {
  let text = '';
  for (const [i, item] of items.entries()) {
    const next = i === 0 ? item : `${text}, ${item}`;
    const countLine = i === items.length - 1 ? 0 : COUNT_LINE;
    if (next.length + countLine > max)
      return `${text}${text ? ', ' : ''}…and ${items.length - i} more`;
    text = next;
  }
  return text;
}
