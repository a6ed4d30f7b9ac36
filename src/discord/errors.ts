import { DiscordAPIError, type RESTJSONErrorCodes } from 'discord.js';

/** Whether Discord answered with one of `codes` (its JSON error code, not the HTTP status). */
export const isDiscordError = (error: unknown, ...codes: RESTJSONErrorCodes[]): boolean =>
  error instanceof DiscordAPIError && codes.includes(error.code as RESTJSONErrorCodes);
