import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import { cardHash, renderCard, renderRetiredCard, type MessageBody } from '../cards/render.js';
import { isDiscordError } from '../discord-error.js';
import type { FaqEntry } from '../faq/entry.js';
import type { FaqLibrary } from '../faq/library.js';
import type { Logger } from '../logger.js';
import { oneAtATime } from '../one-at-a-time.js';
import type { PinRecord, Store } from '../store/store.js';

/** What pinning and unpinning need, as the moderator is told when it is missing. */
const PIN_PERMISSION = 'Pin Messages (or Manage Messages)';

/** The card's message or its whole channel was deleted in Discord: no retry can bring it back. */
const isGone = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel);

/** The bot was denied the channel or the permission: only someone changing the server fixes it. */
const isLockedOut = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.MissingAccess);

/** What `unpin` did. `forgotten`: the bot may no longer unpin it, so it only stopped keeping it. */
export type UnpinOutcome = 'unpinned' | 'not-pinned' | 'forgotten';

/** A pinned card the bot could not bring in line with the FAQ, and why, for the moderators. */
export interface StuckCard {
  guildId: string | null;
  channelId: string;
  entryId: string;
  question: string;
  reason: string;
}

/** Failed runs in a row double the wait before the next, up to this many times the first wait. */
const MAX_BACKOFF = 20;

export class PinError extends Error {}

export interface SyncReport {
  updated: number;
  retired: number;
  failed: number;
  forgotten: number;
  /** The run stopped part-way (the database failed); it is retried. */
  unfinished?: boolean;
}

/**
 * Pinned answers that stay current. Pinning posts the card as a channel message and pins it;
 * after every FAQ change, each pinned card whose rendering changed is edited in place (a card
 * whose entry left the FAQ says so; it is never deleted). A failed edit is marked stale and
 * retried later, backing off while Discord or the database stays down.
 */
export class PinKeeper {
  private retryTimer: NodeJS.Timeout | undefined;
  private failedRunsInARow = 0;
  private closed = false;
  /** The last pin or unpin of each channel and entry, for the next one to wait for. */
  private readonly busy = new Map<string, Promise<unknown>>();
  /** Why each stale card's last edit failed, by channel and entry. */
  private failures = new Map<string, string>();

  constructor(
    private readonly deps: {
      rest: REST;
      store: Store;
      library: FaqLibrary;
      logger: Logger;
      feedback: boolean;
      /** The wait before the first retry (default 30 s). */
      retryMs?: number;
    },
  ) {}

  private render(entry: FaqEntry): MessageBody {
    return renderCard(entry, { feedback: this.deps.feedback });
  }

  /**
   * Posts `entry`'s card in `channelId` and pins it. An existing card of it there is reused, pinned
   * again in case someone unpinned it by hand; one deleted in Discord is forgotten and replaced.
   */
  pin(
    { guildId, channelId }: { guildId: string | null; channelId: string },
    entry: FaqEntry,
    pinnedBy: string,
  ): Promise<{ messageId: string; existed: boolean }> {
    return this.oneByOne(channelId, entry.id, () =>
      this.pinNow(guildId, channelId, entry, pinnedBy),
    );
  }

  private async pinNow(
    guildId: string | null,
    channelId: string,
    entry: FaqEntry,
    pinnedBy: string,
  ) {
    const { rest, store } = this.deps;
    const existing = store.findPin(channelId, entry.id);
    if (existing && (await this.stillThere(existing)))
      return { messageId: existing.messageId, existed: true };
    const body = this.render(entry);
    let messageId: string;
    try {
      messageId = ((await rest.post(Routes.channelMessages(channelId), { body })) as { id: string })
        .id;
    } catch (error) {
      throw explain(error, 'post the card', 'View Channel, Send Messages and Embed Links');
    }
    try {
      await rest.put(Routes.channelMessagesPin(channelId, messageId));
    } catch (error) {
      // Leave nothing half-done: a card that could not be pinned is taken back.
      await rest.delete(Routes.channelMessage(channelId, messageId)).catch(() => {});
      throw explain(error, 'pin the card', PIN_PERMISSION);
    }
    const hash = cardHash(body);
    try {
      store.savePin({
        guildId,
        channelId,
        entryId: entry.id,
        messageId,
        cardHash: hash,
        question: entry.question,
        url: entry.url,
        pinnedBy,
      });
    } catch (error) {
      // A pin is one unit: a card pinned but recorded nowhere would never be updated, and the
      // next pin of the entry would post a second one beside it.
      throw await this.takeBack(channelId, messageId, entry.id, error);
    }
    this.failures.delete(keyOf(channelId, entry.id));
    // The FAQ may have changed while the card was being posted, and the sync after that change
    // ran before this card was recorded: without one more, it would show the old text for good.
    // The card is a pure function of the entry, so the same entry object needs no second rendering.
    const served = this.deps.library.get(entry.id);
    if (!served || (served !== entry && cardHash(this.render(served)) !== hash)) void this.sync();
    return { messageId, existed: false };
  }

  /** Deletes a card whose pin could not be recorded; says what the moderator must know. */
  private async takeBack(
    channelId: string,
    messageId: string,
    entryId: string,
    cause: unknown,
  ): Promise<PinError> {
    const where = { channelId, messageId, entryId };
    try {
      await this.deps.rest.delete(Routes.channelMessage(channelId, messageId));
      this.deps.logger.error(
        { err: cause, ...where },
        'could not record a pinned card; took it back',
      );
      return new PinError(
        'I could not record the pin (the database failed), so I took the card back. Please try again in a moment.',
      );
    } catch (error) {
      this.deps.logger.error(
        { err: cause, deleteError: error, ...where },
        'could not record a pinned card, nor take it back: it must be deleted by hand',
      );
      return new PinError(
        `I could not record the pin (the database failed), nor take the card back: delete it by hand (message ${messageId} in <#${channelId}>), then try again.`,
      );
    }
  }

  /**
   * Whether a recorded card still exists, re-pinning it on the way. Pinning a pinned message is a
   * no-op for Discord, and unlike fetching the message it needs no permission the pin flow lacks.
   */
  private async stillThere(pin: PinRecord): Promise<boolean> {
    try {
      await this.deps.rest.put(Routes.channelMessagesPin(pin.channelId, pin.messageId));
      return true;
    } catch (error) {
      if (!isGone(error))
        throw explain(error, 'pin the card', PIN_PERMISSION, 'the card was left as it was');
      this.deps.logger.info(
        { pin: describe(pin) },
        'a pinned card was deleted in Discord; posting it again',
      );
      this.deps.store.removePin(pin.channelId, pin.entryId);
      return false;
    }
  }

  /**
   * Unpins and forgets. A card the bot may no longer unpin (its access to the channel was taken
   * away) is forgotten all the same: otherwise its edits would fail and be retried for as long as
   * the bot runs, and no moderator could make it stop.
   */
  unpin(channelId: string, entryId: string): Promise<UnpinOutcome> {
    return this.oneByOne(channelId, entryId, () => this.unpinNow(channelId, entryId));
  }

  private async unpinNow(channelId: string, entryId: string): Promise<UnpinOutcome> {
    const { rest, store } = this.deps;
    const pin = store.findPin(channelId, entryId);
    if (!pin) return 'not-pinned';
    let outcome: UnpinOutcome = 'unpinned';
    try {
      await rest.delete(Routes.channelMessagesPin(channelId, pin.messageId));
    } catch (error) {
      if (isLockedOut(error)) outcome = 'forgotten';
      else if (!isGone(error))
        throw explain(error, 'unpin the card', PIN_PERMISSION, 'the card is still pinned');
    }
    store.removePin(channelId, entryId);
    return outcome;
  }

  /**
   * The bot was removed from a server (kicked, or the server deleted): its cards there can no
   * longer be edited, and no moderator there can unpin them through the bot, so it stops keeping
   * them. `channelIds`: the server's channels, for pins recorded without their server.
   */
  forgetServer(guildId: string, channelIds: readonly string[]): void {
    this.logForgotten(guildId, this.deps.store.removeServerPins(guildId, channelIds));
  }

  /** At start-up: forgets the cards of servers the bot was removed from while it was not running. */
  forgetServersLeft(serversIn: ReadonlySet<string>): void {
    for (const [guildId, forgotten] of this.deps.store.removePinsOutside(serversIn))
      this.logForgotten(guildId, forgotten);
  }

  private logForgotten(guildId: string, forgotten: number): void {
    if (forgotten > 0)
      this.deps.logger.info(
        { guildId, forgotten },
        'removed from a server; stopped keeping its pinned cards',
      );
  }

  /**
   * Runs pins and unpins of one entry in one channel one after the other. Two at once (a double
   * submit, two moderators) would both find no card and both post one: one of them would stay
   * pinned, recorded nowhere and never updated.
   */
  private oneByOne<T>(channelId: string, entryId: string, run: () => Promise<T>): Promise<T> {
    const key = keyOf(channelId, entryId);
    const result = (this.busy.get(key) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => {});
    this.busy.set(key, settled);
    void settled.then(() => {
      if (this.busy.get(key) === settled) this.busy.delete(key);
    });
    return result;
  }

  /**
   * Brings every pinned card in line with the FAQ now served. A call made while a sync runs gets
   * one more run after it, since the FAQ may have changed under cards that run already edited.
   */
  readonly sync: () => Promise<SyncReport> = oneAtATime(async () => {
    if (this.closed) return emptyReport();
    try {
      return await this.syncOnce();
    } catch (error) {
      // Discord failures are handled card by card; what lands here is the database failing. Nothing
      // is lost: every card is compared again on the next run.
      const retryInMs = this.scheduleRetry();
      this.deps.logger.error(
        { err: error, retryInMs },
        'could not sync the pinned cards; will retry',
      );
      return { ...emptyReport(), unfinished: true };
    }
  });

  private async syncOnce(): Promise<SyncReport> {
    const { rest, store, library, logger } = this.deps;
    const report = emptyReport();
    // Every stale card is tried again in each run: what failed in this one is what is stuck now.
    const failing = new Map<string, string>();
    for (const pin of store.pins()) {
      const entry = library.get(pin.entryId);
      const body = entry ? this.render(entry) : renderRetiredCard(pin.question, pin.url);
      const hash = cardHash(body);
      if (hash === pin.cardHash && !pin.stale) continue;
      // Only the Discord call is guarded here: a failing database ends the run (see sync).
      try {
        await rest.patch(Routes.channelMessage(pin.channelId, pin.messageId), {
          body: {
            embeds: body.embeds,
            components: body.components,
            allowed_mentions: body.allowed_mentions,
          },
        });
      } catch (error) {
        if (isGone(error)) {
          logger.info(
            { pin: describe(pin) },
            'a pinned card (or its channel) was deleted in Discord; forgetting it',
          );
          store.removePin(pin.channelId, pin.entryId);
          report.forgotten++;
        } else {
          const reason = whyEditFailed(error);
          const key = keyOf(pin.channelId, pin.entryId);
          // A card locked out of its channel fails every retry for as long as that lasts: warned
          // once, when it starts failing or fails differently, not every ten minutes.
          const level = this.failures.get(key) === reason ? 'debug' : 'warn';
          logger[level](
            { pin: describe(pin), err: error, reason },
            'could not update a pinned card; will retry',
          );
          failing.set(key, reason);
          store.markPin(pin.channelId, pin.entryId, { stale: true });
          report.failed++;
        }
        continue;
      }
      store.markPin(pin.channelId, pin.entryId, {
        cardHash: hash,
        question: entry?.question ?? pin.question,
        url: entry?.url ?? pin.url,
      });
      if (entry) report.updated++;
      else report.retired++;
    }
    this.failures = failing;
    let retryInMs: number | undefined;
    if (report.failed > 0) retryInMs = this.scheduleRetry();
    else this.cancelRetry();
    if (report.updated + report.retired + report.failed > 0)
      logger.info({ ...report, retryInMs }, 'pinned cards synced');
    return report;
  }

  /**
   * The pinned cards not showing the FAQ now served, each with why its last edit failed; of
   * `pins` when the caller has read them already.
   */
  stuckCards(pins: PinRecord[] = this.deps.store.pins()): StuckCard[] {
    return pins
      .filter((pin) => pin.stale)
      .map((pin) => ({
        guildId: pin.guildId,
        channelId: pin.channelId,
        entryId: pin.entryId,
        question: pin.question,
        reason:
          this.failures.get(keyOf(pin.channelId, pin.entryId)) ??
          'its last update failed before the bot restarted',
      }));
  }

  /**
   * Runs sync again after a failed run, waiting twice as long after each failure in a row so that
   * a long outage is not met with an error every 30 s. Replaces a retry already waiting, so that
   * the wait returned (and logged) is the one that holds.
   */
  private scheduleRetry(): number {
    const first = this.deps.retryMs ?? 30_000;
    const wait = Math.min(first * 2 ** this.failedRunsInARow, first * MAX_BACKOFF);
    this.failedRunsInARow++;
    clearTimeout(this.retryTimer);
    if (this.closed) return wait;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.sync();
    }, wait);
    this.retryTimer.unref();
    return wait;
  }

  /** Every card is in line: nothing is left to retry, and the next failure waits the first wait. */
  private cancelRetry(): void {
    this.failedRunsInARow = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
  }
}

const keyOf = (channelId: string, entryId: string) => `${channelId}/${entryId}`;

/** Why a pinned card's edit failed, in words a moderator can act on. */
function whyEditFailed(error: unknown): string {
  const stop = 'or unpin the card to stop updating it';
  if (isDiscordError(error, RESTJSONErrorCodes.MissingAccess))
    return `I can no longer see that channel: give me View Channel there again, ${stop}`;
  if (isDiscordError(error, RESTJSONErrorCodes.MissingPermissions))
    return `I lack a permission to edit it there: check my permissions in that channel, ${stop}`;
  const status = serverErrorStatus(error);
  if (status) return `Discord failed to update it (HTTP ${status})`;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  // Anything else Discord answered is a DiscordAPIError; the rest never got an answer.
  const what =
    error instanceof DiscordAPIError ? 'Discord refused the edit' : 'Discord was not reached';
  return `${what} (${message.slice(0, 200)})`;
}

function emptyReport(): SyncReport {
  return { updated: 0, retired: 0, failed: 0, forgotten: 0 };
}

function describe(pin: PinRecord) {
  return { channelId: pin.channelId, messageId: pin.messageId, entryId: pin.entryId };
}

function explain(
  error: unknown,
  action: string,
  permission: string,
  /** What the moderator should know was left as it was when Discord itself failed. */
  unchanged = 'nothing was pinned',
): Error {
  if (isLockedOut(error)) {
    return new PinError(
      `I can't ${action} in that channel: I need the ${permission} permission there.`,
    );
  }
  if (isDiscordError(error, RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel))
    return new PinError('That channel already has 50 pinned messages; unpin one first.');
  const status = serverErrorStatus(error);
  if (status) {
    return new PinError(
      `Discord failed to ${action} (HTTP ${status}, after retries); ${unchanged}. Please try again in a minute.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

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
