import { MessageFlags, type APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { MessageBody } from './render.js';

/** Discord shows an escaped character (`\*`, `\_`) as the character itself. */
const unescaped = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/**
 * Discord shows a masked link `[text](url)` as clickable text; a terminal cannot, so the address
 * follows the text. An escaped `\[` is not a link, and Discord shows it as typed.
 */
const unmasked = (text: string) =>
  text.replace(/(?<!\\)\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, '$1 ($2)');

const shown = (markdown: string) => unescaped(unmasked(markdown));

/** What a member would see, as plain text for a terminal `width` columns wide (at least 30). */
export function cardToText(
  body: MessageBody,
  userNames: ReadonlyMap<string, string> = new Map(),
  width = 80,
): string {
  const columns = Math.max(30, width);
  const lines: string[] = [];
  if (body.flags !== undefined && (body.flags & MessageFlags.Ephemeral) !== 0)
    lines.push('(only you can see this)');
  if (body.content)
    lines.push(
      shown(body.content).replace(/<@!?(\d+)>/g, (m, id: string) =>
        userNames.has(id) ? `@${userNames.get(id)}` : m,
      ),
    );
  for (const embed of body.embeds) {
    const rule = '─'.repeat(Math.min(columns - 8, Math.max(20, (embed.title ?? '').length + 4)));
    lines.push(`┌${rule}`);
    if (embed.title) for (const part of wrap(embed.title, columns - 4)) lines.push(`│ ${part}`);
    if (embed.url) lines.push(`│ ${embed.url}`);
    lines.push('│');
    for (const line of shown(embed.description ?? '').split('\n'))
      for (const part of wrap(line, columns - 4)) lines.push(`│ ${part}`);
    if (embed.footer?.text) lines.push('│', `│ ${embed.footer.text}`);
    lines.push(`└${rule}`);
  }
  for (const row of body.components) {
    for (const c of row.components) {
      if ('label' in c && c.label)
        lines.push(`[ ${c.label} ]${'url' in c && c.url ? ` → ${c.url}` : ''}`);
    }
  }
  return lines.join('\n');
}

export function choicesToText(choices: APIApplicationCommandOptionChoice[]): string {
  if (choices.length === 0) return '  (no matching question)';
  return choices.map((c, i) => `  ${String(i + 1).padStart(2)}. ${c.name}`).join('\n');
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}
