import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { isDiscordError } from '../discord/errors.js';

/** What pinning asks of Discord; a failure says which step it was. */
export type PinStep = 'post' | 'pin' | 'unpin';

/**
 * Why a pin or unpin did not happen, as data: the moderator-facing words live with the command
 * (commands/faq-admin.ts), the log gets the kind.
 */
export type PinFailure =
  /** The bot lacks a permission in that channel (or cannot see it). */
  | { kind: 'bot-lacks-permission'; step: PinStep }
  | { kind: 'too-many-pins' }
  /** Discord kept failing (5xx after retries); `left` says what state the card was left in. */
  | { kind: 'discord-failed'; step: PinStep; status: number; left: 'nothing-pinned' | 'unchanged' }
  /** The card was posted but the database could not record it; taken back unless `takenBack` is false. */
  | { kind: 'not-recorded'; takenBack: boolean; channelId: string; messageId: string };

/** Why a pinned card could not be brought in line with the FAQ; it is retried. */
export type EditFailure =
  | { kind: 'no-access' }
  | { kind: 'no-permission' }
  | { kind: 'discord-failed'; status: number }
  | { kind: 'refused'; detail: string }
  | { kind: 'unreachable'; detail: string }
  /** Known stale from before a restart: why is no longer known. */
  | { kind: 'before-restart' };

export class PinError extends Error {
  constructor(readonly failure: PinFailure) {
    super(`pin failed: ${failure.kind}`);
    this.name = 'PinError';
  }
}

/** The card's message or its whole channel was deleted in Discord: no retry can bring it back. */
export const isGone = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel);

/** The bot was denied the channel or the permission: only someone changing the server fixes it. */
export const isLockedOut = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.MissingAccess);

/**
 * A Discord error met while pinning, as a PinError when it is one the moderator can act on; anything
 * else is returned as it is (the central error handler answers it).
 */
export function pinFailure(
  error: unknown,
  step: PinStep,
  left: 'nothing-pinned' | 'unchanged' = 'nothing-pinned',
): Error {
  if (isLockedOut(error)) return new PinError({ kind: 'bot-lacks-permission', step });
  if (isDiscordError(error, RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel))
    return new PinError({ kind: 'too-many-pins' });
  const status = serverErrorStatus(error);
  if (status) return new PinError({ kind: 'discord-failed', step, status, left });
  return error instanceof Error ? error : new Error(String(error));
}

/** Why a pinned card's edit failed. */
export function editFailure(error: unknown): EditFailure {
  if (isDiscordError(error, RESTJSONErrorCodes.MissingAccess)) return { kind: 'no-access' };
  if (isDiscordError(error, RESTJSONErrorCodes.MissingPermissions))
    return { kind: 'no-permission' };
  const status = serverErrorStatus(error);
  if (status) return { kind: 'discord-failed', status };
  const detail = (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .slice(0, 200);
  // Anything else Discord answered is a DiscordAPIError; the rest never got an answer.
  return error instanceof DiscordAPIError
    ? { kind: 'refused', detail }
    : { kind: 'unreachable', detail };
}

export const sameFailure = (a: EditFailure | undefined, b: EditFailure) =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * The status of a 5xx that @discordjs/rest gave up on. Recognised by shape: the HTTPError class
 * discord.js re-exports is not always the one its REST manager throws (CJS and ESM copies).
 */
function serverErrorStatus(error: unknown): number | undefined {
  const candidate = error as { name?: unknown; status?: unknown };
  return candidate?.name === 'HTTPError' &&
    typeof candidate.status === 'number' &&
    candidate.status >= 500
    ? candidate.status
    : undefined;
}
