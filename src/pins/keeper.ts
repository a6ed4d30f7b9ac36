import { Routes, type REST } from 'discord.js';
import { cardHash, renderCard, renderRetiredCard, type MessageBody } from '../cards/render.js';
import type { FaqEntry } from '../faq/entry.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Logger } from '../logger.js';
import { oneAtATime, oneByOne } from '../one-at-a-time.js';
import type { PinRecord, Store } from '../store/store.js';
import {
  editFailure,
  isGone,
  isLockedOut,
  PinError,
  pinFailure,
  sameFailure,
  type EditFailure,
} from './failure.js';
import { RetryAfterFailure } from './retry.js';

/** What `unpin` did. `forgotten`: the bot may no longer unpin it, so it only stopped keeping it. */
export type UnpinOutcome = 'unpinned' | 'not-pinned' | 'forgotten';

/** A pinned card the bot could not bring in line with the FAQ, and why, for the moderators. */
export interface StuckCard {
  guildId: string | null;
  channelId: string;
  entryId: string;
  question: string;
  reason: EditFailure;
}

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
  private closed = false;
  /**
   * Pins and unpins of one entry in one channel, one after the other. Two at once (a double
   * submit, two moderators) would both find no card and both post one: one of them would stay
   * pinned, recorded nowhere and never updated.
   */
  private readonly oneByOne = oneByOne();
  /** Why each stale card's last edit failed, by channel and entry. */
  private failures = new Map<string, EditFailure>();
  private readonly retry: RetryAfterFailure;

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
  ) {
    this.retry = new RetryAfterFailure(() => void this.sync(), deps.retryMs ?? 30_000);
  }

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
    return this.oneByOne(keyOf(channelId, entry.id), () =>
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
    // Recorded before anything is posted: a stop in the middle leaves a trace that the next
    // start follows (recoverPending), so no pinned card is ever one that nothing keeps current.
    // A database that fails here fails the record at the end too, which takes the card back.
    const note = (what: string, write: () => void) => {
      try {
        write();
      } catch (error) {
        this.deps.logger.warn({ err: error, channelId, entryId: entry.id }, what);
      }
    };
    note('could not record a pin about to be made', () =>
      store.beginPin({ guildId, channelId, entryId: entry.id, pinnedBy }),
    );
    const giveUp = () =>
      note('could not clear a pin given up', () => store.endPin(channelId, entry.id));
    let messageId: string;
    try {
      messageId = ((await rest.post(Routes.channelMessages(channelId), { body })) as { id: string })
        .id;
    } catch (error) {
      giveUp();
      throw pinFailure(error, 'post');
    }
    try {
      note('could not record the message of a pin being made', () =>
        store.pendingPosted(channelId, entry.id, messageId),
      );
      await rest.put(Routes.channelMessagesPin(channelId, messageId));
    } catch (error) {
      // Leave nothing half-done: a card that could not be pinned is taken back.
      await rest.delete(Routes.channelMessage(channelId, messageId)).catch(() => {});
      giveUp();
      throw pinFailure(error, 'pin');
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
      const taken = await this.takeBack(channelId, messageId, entry.id, error);
      if (taken.failure.kind === 'not-recorded' && taken.failure.takenBack) giveUp();
      throw taken;
    }
    this.failures.delete(keyOf(channelId, entry.id));
    // The FAQ may have changed while the card was being posted, and the sync after that change
    // ran before this card was recorded: without one more, it would show the old text for good.
    // The card is a pure function of the entry, so the same entry object needs no second rendering.
    const served = this.deps.library.get(entry.id);
    if (!served || (served !== entry && cardHash(this.render(served)) !== hash)) void this.sync();
    return { messageId, existed: false };
  }

  /**
   * Finishes the pins a stop interrupted (SIGTERM, SIGKILL, a crash), at start-up: a card that was
   * posted is pinned and recorded, and the next sync brings it in line with the FAQ; one whose entry
   * is gone is taken back; one never posted (or deleted since) leaves nothing to do. A pin Discord
   * cannot be asked about now stays pending for the next start.
   */
  async recoverPending(): Promise<{ kept: number; removed: number }> {
    const { rest, store, library, logger } = this.deps;
    let kept = 0;
    let removed = 0;
    for (const pending of store.pendingPins()) {
      const { channelId, entryId, messageId } = pending;
      const entry = library.get(entryId);
      try {
        if (messageId && entry) {
          await rest.put(Routes.channelMessagesPin(channelId, messageId));
          // Its text is whatever was posted then: an empty hash makes the next sync edit it.
          store.savePin({
            ...pending,
            messageId,
            cardHash: '',
            question: entry.question,
            url: entry.url,
          });
          kept++;
        } else {
          if (messageId)
            await rest
              .delete(Routes.channelMessage(channelId, messageId))
              .catch((error: unknown) => {
                if (!isGone(error)) throw error;
              });
          store.endPin(channelId, entryId);
          removed++;
        }
      } catch (error) {
        if (isGone(error)) {
          store.endPin(channelId, entryId);
          continue;
        }
        logger.warn(
          { err: error, channelId, entryId },
          'could not finish a pin interrupted by a stop; will try at the next start',
        );
      }
    }
    if (kept + removed > 0) logger.info({ kept, removed }, 'finished the pins a stop interrupted');
    return { kept, removed };
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
      return new PinError({ kind: 'not-recorded', takenBack: true, channelId, messageId });
    } catch (error) {
      this.deps.logger.error(
        { err: cause, deleteError: error, ...where },
        'could not record a pinned card, nor take it back: it must be deleted by hand',
      );
      return new PinError({ kind: 'not-recorded', takenBack: false, channelId, messageId });
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
      if (!isGone(error)) throw pinFailure(error, 'pin', 'unchanged');
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
    return this.oneByOne(keyOf(channelId, entryId), () => this.unpinNow(channelId, entryId));
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
      else if (!isGone(error)) throw pinFailure(error, 'unpin', 'unchanged');
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
      const retryInMs = this.retry.failed();
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
    const failing = new Map<string, EditFailure>();
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
          const reason = editFailure(error);
          const key = keyOf(pin.channelId, pin.entryId);
          // A card locked out of its channel fails every retry for as long as that lasts: warned
          // once, when it starts failing or fails differently, not every ten minutes.
          const level = sameFailure(this.failures.get(key), reason) ? 'debug' : 'warn';
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
    if (report.failed > 0) retryInMs = this.retry.failed();
    else this.retry.succeeded();
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
        reason: this.failures.get(keyOf(pin.channelId, pin.entryId)) ?? { kind: 'before-restart' },
      }));
  }

  close(): void {
    this.closed = true;
    this.retry.close();
  }
}

const keyOf = (channelId: string, entryId: string) => `${channelId}/${entryId}`;

function emptyReport(): SyncReport {
  return { updated: 0, retired: 0, failed: 0, forgotten: 0 };
}

function describe(pin: PinRecord) {
  return { channelId: pin.channelId, messageId: pin.messageId, entryId: pin.entryId };
}
