/** Discord's limits on what a bot sends (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedTotal: 6000,
  embedFields: 25,
  embedFieldValue: 1024,
  buttonLabel: 80,
  urlLength: 512,
} as const;

/** Cuts `text` to at most `max` characters, ending with "…" when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
