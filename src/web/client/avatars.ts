/**
 * Avatars drawn here, set before the components load (they read this global once): their own
 * defaults are images on Discord's CDN, and the sandbox page loads nothing from outside.
 */
const circle = (fill: string, letter: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="${fill}"/><text x="20" y="26" font-family="sans-serif" font-size="17" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`,
  )}`;

export const AVATARS = {
  default: 'blue',
  blue: circle('#5865f2', '🙂'),
  gray: circle('#80848e', '?'),
  green: circle('#23a55a', 'a'),
  orange: circle('#f0b232', 'b'),
  red: circle('#f23f43', 'c'),
  pink: circle('#eb459f', 'd'),
  fal: circle('#7c3aed', 'fal'),
} as const;

(globalThis as { $discordMessage?: unknown }).$discordMessage = {
  avatars: AVATARS,
  defaultTheme: 'dark',
};
