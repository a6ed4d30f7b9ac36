import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { LOCK_WAIT_MS, openDatabase, openDatabaseReadOnly } from './open.js';
import { OffThreadReader } from './off-thread.js';
import { DAY_MS, placeOf, statsPlan, type Stats } from './stats.js';

export { DAY_MS, type Stats } from './stats.js';

export { DataDirInUseError, StoreError } from './open.js';

export interface PinRecord {
  /** The server; null for a pin recorded before the bot kept it. */
  guildId: string | null;
  channelId: string;
  entryId: string;
  messageId: string;
  cardHash: string;
  /** What the card showed when last rendered: enough to say which answer left the FAQ. */
  question: string;
  url: string;
  pinnedBy: string;
  pinnedAt: number;
  stale: boolean;
}

export type UsageOutcome = 'card' | 'no-match';

/** One thing asked of the bot, for the stats. */
export interface Usage {
  outcome: UsageOutcome;
  /** The server it was asked in; null in a DM with the bot. */
  guildId: string | null;
  entryId?: string;
  query?: string;
  userId?: string;
  channelId?: string;
  /** The command used (default `faq`). */
  command?: string;
}

/** A wording a moderator taught: a member's words and the id of the answer they mean. */
export interface Teaching {
  id: number;
  guildId: string | null;
  wording: string;
  answerId: string;
  taughtBy: string;
  /** Their name when they taught it, for lists (a mention in a notice would ping). */
  taughtByName?: string | null;
  taughtAt: number;
}

const TEACHINGS_SQL = `SELECT id, guild_id AS guildId, wording, answer_id AS answerId, taught_by AS taughtBy,
         taught_by_name AS taughtByName, taught_at AS taughtAt
    FROM taught WHERE undone_at IS NULL ORDER BY id`;

/**
 * The active teachings in `<dataDir>/faq-bot.sqlite`, read without taking DATA_DIR (the bot may be
 * running on it): what the CLI ranks with, as the bot does. None when there is no database yet.
 */
export function readTeachings(dataDir: string): Teaching[] {
  const file = path.join(dataDir, 'faq-bot.sqlite');
  if (!existsSync(file)) return [];
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'taught'")
      .get();
    return table ? (db.prepare(TEACHINGS_SQL).all() as Teaching[]) : [];
  } finally {
    db.close();
  }
}

/** A help-forum post the bot saw opened, and what came of it. */
export interface ForumPost {
  threadId: string;
  guildId: string | null;
  forumId: string;
  ownerId: string;
  title: string;
  createdAt: number;
  /** The bot's reply in the post; null when it stayed silent. */
  replyId: string | null;
  /** The answers the reply offered, best first. */
  suggested: string[];
  firstHumanAt: number | null;
  solvedAt: number | null;
  solvedBy: string | null;
  /** The answer that solved it; null when solved by a person's answer (or not solved). */
  solvedAnswer: string | null;
  notItAt: number | null;
  nudgedAt: number | null;
}

const FORUM_POST_SQL = `SELECT thread_id AS threadId, guild_id AS guildId, forum_id AS forumId,
    owner_id AS ownerId, title, created_at AS createdAt, reply_id AS replyId, suggested,
    first_human_at AS firstHumanAt, solved_at AS solvedAt, solved_by AS solvedBy,
    solved_answer AS solvedAnswer, not_it_at AS notItAt, nudged_at AS nudgedAt
  FROM forum_posts`;

const forumPost = (row: Record<string, unknown>): ForumPost =>
  ({ ...row, suggested: JSON.parse(String(row.suggested)) as string[] }) as ForumPost;

/** How far back `/faq-admin stats` can look, and so how long usage and votes are kept. */
export const HISTORY_DAYS = 365;

/**
 * What the bot remembers across restarts: pins it keeps current, usage, feedback votes and
 * recent posts (for the cooldown). SQLite in WAL mode; the schema is migrated at open.
 */
export class Store {
  /**
   * Where retention may count from: the newest row stored when the store opened, moved on by the
   * time that has really passed since (a monotonic clock). A wall clock that jumped ahead cannot
   * make history look old.
   */
  private readonly retentionAnchor: { wall: number; monotonic: number };

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    private readonly lock: Database.Database | undefined,
    /** The database file (':memory:' for a test store). */
    readonly file: string,
    private readonly monotonic: () => number,
  ) {
    const newest = this.newestHistoryAt();
    this.retentionAnchor = { wall: newest ?? now(), monotonic: monotonic() };
  }

  /**
   * Opens (creating it) `<dataDir>/faq-bot.sqlite`, holding DATA_DIR for this process; a file that
   * cannot be opened or migrated throws StoreError, a DATA_DIR another copy holds DataDirInUseError
   * (after waiting `lockWaitMs` for it to let go).
   */
  /** The database of DATA_DIR, read only and without its lock (a running bot keeps it). */
  static openReadOnly(dataDir: string, now: () => number = Date.now): Store {
    const { db, file } = openDatabaseReadOnly(dataDir);
    return new Store(db, now, undefined, file, () => performance.now());
  }

  /** A consistent copy of the live database at `target` (SQLite's online backup). */
  async backupTo(target: string): Promise<void> {
    await this.db.backup(target);
  }

  static open(
    dataDir: string,
    now: () => number = Date.now,
    lockWaitMs = LOCK_WAIT_MS,
    monotonic: () => number = () => performance.now(),
  ): Store {
    const { db, lock, file } = openDatabase(dataDir, lockWaitMs);
    return new Store(db, now, lock, file, monotonic);
  }

  /** Each statement is compiled once: every /faq runs the same few. */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    void this.reader?.close();
    if (this.db.open) this.db.close();
    if (this.lock?.open) this.lock.close();
  }

  // ── pins ────────────────────────────────────────────────────────────────────

  /** A pin about to be made: recorded before its card is posted. */
  beginPin(p: {
    guildId: string | null;
    channelId: string;
    entryId: string;
    pinnedBy: string;
  }): void {
    this.statement(
      `INSERT INTO pins_pending (guild_id, channel_id, entry_id, message_id, pinned_by, started_at)
         VALUES (@guildId, @channelId, @entryId, NULL, @pinnedBy, @startedAt)
         ON CONFLICT (channel_id, entry_id) DO UPDATE SET guild_id = excluded.guild_id, message_id = NULL,
           pinned_by = excluded.pinned_by, started_at = excluded.started_at`,
    ).run({ ...p, startedAt: this.now() });
  }

  /** The message a pin being made posted, once Discord said it. */
  pendingPosted(channelId: string, entryId: string, messageId: string): void {
    this.statement(
      'UPDATE pins_pending SET message_id = ? WHERE channel_id = ? AND entry_id = ?',
    ).run(messageId, channelId, entryId);
  }

  /** The pin is made (or given up): nothing is pending for it any more. */
  endPin(channelId: string, entryId: string): void {
    this.statement('DELETE FROM pins_pending WHERE channel_id = ? AND entry_id = ?').run(
      channelId,
      entryId,
    );
  }

  /** Pins a stop interrupted. */
  pendingPins(): {
    guildId: string | null;
    channelId: string;
    entryId: string;
    messageId: string | null;
    pinnedBy: string;
  }[] {
    return this.statement(
      `SELECT guild_id AS guildId, channel_id AS channelId, entry_id AS entryId, message_id AS messageId,
         pinned_by AS pinnedBy FROM pins_pending ORDER BY started_at`,
    ).all() as ReturnType<Store['pendingPins']>;
  }

  /** Records a pinned card; the pin being made of it is done (one step). */
  savePin(pin: Omit<PinRecord, 'pinnedAt' | 'stale'>): void {
    this.db.transaction(() => {
      this.savePinRow(pin);
      this.endPin(pin.channelId, pin.entryId);
    })();
  }

  private savePinRow(pin: Omit<PinRecord, 'pinnedAt' | 'stale'>): void {
    this.statement(
      `INSERT INTO pins (guild_id, channel_id, entry_id, message_id, card_hash, question, url, pinned_by, pinned_at, stale)
         VALUES (@guildId, @channelId, @entryId, @messageId, @cardHash, @question, @url, @pinnedBy, @pinnedAt, 0)
         ON CONFLICT (channel_id, entry_id) DO UPDATE SET guild_id = excluded.guild_id, message_id = excluded.message_id,
           card_hash = excluded.card_hash, question = excluded.question, url = excluded.url,
           pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at, stale = 0`,
    ).run({ ...pin, pinnedAt: this.now() });
  }

  findPin(channelId: string, entryId: string): PinRecord | undefined {
    const row = this.statement('SELECT * FROM pins WHERE channel_id = ? AND entry_id = ?').get(
      channelId,
      entryId,
    );
    return row ? toPin(row as PinRow) : undefined;
  }

  pins(): PinRecord[] {
    return (this.statement('SELECT * FROM pins ORDER BY pinned_at').all() as PinRow[]).map(toPin);
  }

  removePin(channelId: string, entryId: string): boolean {
    return (
      this.statement('DELETE FROM pins WHERE channel_id = ? AND entry_id = ?').run(
        channelId,
        entryId,
      ).changes > 0
    );
  }

  /**
   * Forgets the pins of a server, returning how many. Pins recorded without their server are
   * matched by channel: `channelIds` are the server's channels as the bot last knew them.
   */
  removeServerPins(guildId: string, channelIds: readonly string[] = []): number {
    return this.statement(
      `DELETE FROM pins WHERE guild_id = ?
         OR (guild_id IS NULL AND channel_id IN (SELECT value FROM json_each(?)))`,
    ).run(guildId, JSON.stringify(channelIds)).changes;
  }

  /**
   * Forgets the pins of every server but `serversIn`, returning how many went from each. Pins
   * recorded without their server stay: nothing says which server they belong to.
   */
  removePinsOutside(serversIn: Iterable<string>): Map<string, number> {
    const rows = this.statement(
      `DELETE FROM pins WHERE guild_id IS NOT NULL
         AND guild_id NOT IN (SELECT value FROM json_each(?)) RETURNING guild_id`,
    ).all(JSON.stringify([...serversIn])) as { guild_id: string }[];
    const removed = new Map<string, number>();
    for (const { guild_id } of rows) removed.set(guild_id, (removed.get(guild_id) ?? 0) + 1);
    return removed;
  }

  /** After an edit: the card now shows `cardHash` (or failed to, when `stale`). */
  markPin(
    channelId: string,
    entryId: string,
    update: { cardHash: string; question: string; url: string } | { stale: true },
  ): void {
    if ('stale' in update) {
      this.statement('UPDATE pins SET stale = 1 WHERE channel_id = ? AND entry_id = ?').run(
        channelId,
        entryId,
      );
      return;
    }
    this.statement(
      'UPDATE pins SET card_hash = ?, question = ?, url = ?, stale = 0 WHERE channel_id = ? AND entry_id = ?',
    ).run(update.cardHash, update.question, update.url, channelId, entryId);
  }

  // ── usage and stats ─────────────────────────────────────────────────────────

  recordUsage(u: Usage): void {
    this.statement(
      'INSERT INTO usage (at, guild_id, outcome, entry_id, query, user_id, channel_id, command) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      this.now(),
      placeOf(u.guildId),
      u.outcome,
      u.entryId ?? null,
      u.query?.slice(0, 200) ?? null,
      u.userId ?? null,
      u.channelId ?? null,
      u.command ?? 'faq',
    );
  }

  /**
   * Forgets usage and votes older than `HISTORY_DAYS`: no stats look further back, and who asked
   * what is not kept longer than it serves. Returns how many rows went.
   */
  pruneHistory(): number {
    const before = this.retentionNow() - HISTORY_DAYS * DAY_MS;
    return (
      this.statement('DELETE FROM usage WHERE at < ?').run(before).changes +
      this.statement('DELETE FROM feedback WHERE at < ?').run(before).changes
    );
  }

  /**
   * "Now" for retention: the wall clock, but never ahead of the newest history at open plus the time
   * really elapsed since. A clock set a year ahead would otherwise erase every row at start-up.
   * After a long downtime it errs on keeping rows a little longer, never on deleting them.
   */
  private retentionNow(): number {
    const { wall, monotonic } = this.retentionAnchor;
    return Math.min(this.now(), wall + (this.monotonic() - monotonic));
  }

  private newestHistoryAt(): number | undefined {
    const row = this.statement(
      'SELECT MAX(at) AS at FROM (SELECT MAX(at) AS at FROM usage UNION ALL SELECT MAX(at) FROM feedback)',
    ).get() as { at: number | null };
    return row.at ?? undefined;
  }

  // ── the application this database belongs to ─────────────────────────────────

  /** The Discord application whose pins and history this is; undefined until a bot has run on it. */
  applicationId(): string | undefined {
    const row = this.statement("SELECT value FROM meta WHERE key = 'application_id'").get() as
      { value: string } | undefined;
    return row?.value;
  }

  setApplicationId(id: string): void {
    this.statement(
      "INSERT INTO meta (key, value) VALUES ('application_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(id);
  }

  /**
   * What was asked in one server (null: in DMs with the bot) over the last `days`. What members of
   * other servers asked is theirs, not this server's moderators'. Rows recorded before the bot kept
   * servers cannot be told apart and count everywhere.
   */
  stats(days: number, guildId: string | null, limit = 10): Stats {
    const plan = statsPlan(this.now(), days, guildId, limit);
    const rows = Object.fromEntries(
      Object.entries(plan).map(([key, { sql, args }]) => [key, this.statement(sql).all(args)]),
    );
    return { days, ...(rows as Omit<Stats, 'days'>) };
  }

  /**
   * The same as `stats`, read on another thread when the database is a file: over a year of a busy
   * server it scans up to a million rows, and members must not wait for that.
   */
  async statsOffThread(days: number, guildId: string | null, limit = 10): Promise<Stats> {
    if (this.file === ':memory:') return this.stats(days, guildId, limit);
    this.reader ??= new OffThreadReader(this.file);
    const rows = await this.reader.read(statsPlan(this.now(), days, guildId, limit));
    return { days, ...(rows as unknown as Omit<Stats, 'days'>) };
  }

  private reader: OffThreadReader | undefined;

  // ── feedback ────────────────────────────────────────────────────────────────

  /** One vote per member per message; voting again changes it. Returns whether it changed an earlier vote. */
  vote(v: {
    guildId: string | null;
    messageId: string;
    userId: string;
    entryId: string;
    helpful: boolean;
  }): {
    changed: boolean;
  } {
    const before = this.statement(
      'SELECT helpful FROM feedback WHERE message_id = ? AND user_id = ?',
    ).get(v.messageId, v.userId) as { helpful: number } | undefined;
    this.statement(
      `INSERT INTO feedback (message_id, user_id, entry_id, helpful, at, guild_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ).run(v.messageId, v.userId, v.entryId, v.helpful ? 1 : 0, this.now(), placeOf(v.guildId));
    return { changed: before !== undefined && before.helpful !== (v.helpful ? 1 : 0) };
  }

  // ── taught wordings ─────────────────────────────────────────────────────────

  /** Changes each time a wording is taught or undone: what the ranking rebuilds its rules on. */
  private taughtVersion = 0;
  private taughtCache: { version: number; rows: Teaching[] } | undefined;

  get teachingVersion(): number {
    return this.taughtVersion;
  }

  /** Records a taught wording (the same wording for the same answer again: the one row, kept). */
  teach(t: {
    guildId: string | null;
    wording: string;
    answerId: string;
    taughtBy: string;
    taughtByName?: string;
    taughtAt?: number;
  }): Teaching {
    const existing = this.teachings().find(
      (row) => row.answerId === t.answerId && row.wording.toLowerCase() === t.wording.toLowerCase(),
    );
    if (existing) return existing;
    const taughtAt = t.taughtAt ?? this.now();
    const { lastInsertRowid } = this.statement(
      `INSERT INTO taught (guild_id, wording, answer_id, taught_by, taught_by_name, taught_at)
         VALUES (@guildId, @wording, @answerId, @taughtBy, @taughtByName, @taughtAt)`,
    ).run({ taughtByName: null, ...t, taughtAt });
    this.taughtVersion++;
    return { ...t, id: Number(lastInsertRowid), taughtAt };
  }

  /** Undoes a teaching; the row it undid, or undefined when there is no such active teaching. */
  unteach(id: number, undoneBy: string): Teaching | undefined {
    const row = this.teachings().find((t) => t.id === id);
    if (!row) return undefined;
    this.statement(
      'UPDATE taught SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL',
    ).run(undoneBy, this.now(), id);
    this.taughtVersion++;
    return row;
  }

  /** Every active teaching, oldest first. */
  teachings(): Teaching[] {
    if (this.taughtCache?.version !== this.taughtVersion) {
      const rows = this.statement(TEACHINGS_SQL).all() as Teaching[];
      this.taughtCache = { version: this.taughtVersion, rows };
    }
    return this.taughtCache.rows;
  }

  // ── help forum posts ────────────────────────────────────────────────────────

  /** A post opened in a help forum, and the reply the bot posted in it (if any). */
  recordForumPost(
    p: Omit<
      ForumPost,
      'firstHumanAt' | 'solvedAt' | 'solvedBy' | 'solvedAnswer' | 'notItAt' | 'nudgedAt'
    >,
  ): void {
    this.statement(
      `INSERT OR IGNORE INTO forum_posts (thread_id, guild_id, forum_id, owner_id, title, created_at, reply_id, suggested)
         VALUES (@threadId, @guildId, @forumId, @ownerId, @title, @createdAt, @replyId, @suggested)`,
    ).run({ ...p, suggested: JSON.stringify(p.suggested) });
  }

  forumPost(threadId: string): ForumPost | undefined {
    const row = this.statement(`${FORUM_POST_SQL} WHERE thread_id = ?`).get(threadId) as
      Record<string, unknown> | undefined;
    return row && forumPost(row);
  }

  /** A person other than the poster answered in the post (the first time counts). */
  forumHumanReplied(threadId: string, at = this.now()): void {
    this.statement(
      'UPDATE forum_posts SET first_human_at = ? WHERE thread_id = ? AND first_human_at IS NULL',
    ).run(at, threadId);
  }

  /** Marked solved, by this answer of the bot's (or, null, by a person's answer). */
  forumSolved(threadId: string, by: string, answer: string | null): void {
    this.statement(
      'UPDATE forum_posts SET solved_at = ?, solved_by = ?, solved_answer = ? WHERE thread_id = ?',
    ).run(this.now(), by, answer, threadId);
  }

  forumNotIt(threadId: string): void {
    this.statement('UPDATE forum_posts SET not_it_at = ? WHERE thread_id = ?').run(
      this.now(),
      threadId,
    );
  }

  forumNudged(threadId: string): void {
    this.statement('UPDATE forum_posts SET nudged_at = ? WHERE thread_id = ?').run(
      this.now(),
      threadId,
    );
  }

  /** The servers the database has records of (a DM's records aside). */
  knownGuilds(): string[] {
    return (
      this.statement(
        `SELECT guild_id AS id FROM usage WHERE guild_id IS NOT NULL
         UNION SELECT guild_id FROM feedback WHERE guild_id IS NOT NULL
         UNION SELECT guild_id FROM pins WHERE guild_id IS NOT NULL
         UNION SELECT guild_id FROM taught WHERE guild_id IS NOT NULL
         UNION SELECT guild_id FROM forum_posts WHERE guild_id IS NOT NULL`,
      ).all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** Every usage row and vote of the last `days` days, for `faq export` (at most 100,000 each). */
  exportRows(days: number): {
    usage: Record<string, unknown>[];
    feedback: Record<string, unknown>[];
  } {
    const since = this.now() - days * DAY_MS;
    return {
      usage: this.statement(
        `SELECT at, guild_id AS guildId, command, outcome, entry_id AS entryId, query FROM usage
          WHERE at >= ? ORDER BY at LIMIT 100000`,
      ).all(since) as Record<string, unknown>[],
      feedback: this.statement(
        `SELECT at, guild_id AS guildId, entry_id AS entryId, helpful FROM feedback
          WHERE at >= ? ORDER BY at LIMIT 100000`,
      ).all(since) as Record<string, unknown>[],
    };
  }

  /** Writes a heartbeat row: throws when the database cannot be written (health checks it). */
  touchHealth(): void {
    this.statement(
      "INSERT INTO meta (key, value) VALUES ('health_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(this.now()));
  }

  /** When the last weekly forum digest was posted (0: never). */
  forumDigestAt(): number {
    const row = this.statement("SELECT value FROM meta WHERE key = 'forum_digest_at'").get() as
      { value: string } | undefined;
    return Number(row?.value ?? 0);
  }

  setForumDigestAt(at: number): void {
    this.statement(
      "INSERT INTO meta (key, value) VALUES ('forum_digest_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(at));
  }

  /** The wall clock the store counts time by (injected in tests). */
  get clock(): number {
    return this.now();
  }

  /** A post deleted: its record goes with it. */
  forgetForumPost(threadId: string): void {
    this.statement('DELETE FROM forum_posts WHERE thread_id = ?').run(threadId);
  }

  /** Posts opened before `before` that nobody answered, nobody solved and nobody nudged yet. */
  forumPostsToNudge(before: number): ForumPost[] {
    return (
      this.statement(
        `${FORUM_POST_SQL} WHERE created_at <= ? AND first_human_at IS NULL AND solved_at IS NULL
           AND nudged_at IS NULL ORDER BY created_at LIMIT 50`,
      ).all(before) as Record<string, unknown>[]
    ).map(forumPost);
  }

  /** This server's posts of the last `days` days, oldest first (at most 5000). */
  forumPosts(days: number, guildId: string | null): ForumPost[] {
    return (
      this.statement(
        `${FORUM_POST_SQL} WHERE guild_id IS ? AND created_at >= ? ORDER BY created_at LIMIT 5000`,
      ).all(guildId, this.now() - days * DAY_MS) as Record<string, unknown>[]
    ).map(forumPost);
  }

  // ── recent posts (cooldown) ─────────────────────────────────────────────────

  recordPost(p: { channelId: string; entryId: string; messageId: string }): void {
    this.statement(
      `INSERT INTO posts (channel_id, entry_id, message_id, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel_id, entry_id) DO UPDATE SET message_id = excluded.message_id, at = excluded.at`,
    ).run(p.channelId, p.entryId, p.messageId, this.now());
  }

  /**
   * The card of `entryId` posted in `channelId` within the last `seconds`, if any. A post that looks
   * as far in the future (the clock was set back) counts only that long: the cooldown never freezes.
   */
  recentPost(
    channelId: string,
    entryId: string,
    seconds: number,
  ): { messageId: string; at: number } | undefined {
    const now = this.now();
    return this.statement(
      'SELECT message_id AS messageId, at FROM posts WHERE channel_id = ? AND entry_id = ? AND at >= ? AND at <= ?',
    ).get(channelId, entryId, now - seconds * 1000, now + seconds * 1000) as
      { messageId: string; at: number } | undefined;
  }
}

interface PinRow {
  guild_id: string | null;
  channel_id: string;
  entry_id: string;
  message_id: string;
  card_hash: string;
  question: string;
  url: string;
  pinned_by: string;
  pinned_at: number;
  stale: number;
}

function toPin(r: PinRow): PinRecord {
  return {
    guildId: r.guild_id,
    channelId: r.channel_id,
    entryId: r.entry_id,
    messageId: r.message_id,
    cardHash: r.card_hash,
    question: r.question,
    url: r.url,
    pinnedBy: r.pinned_by,
    pinnedAt: r.pinned_at,
    stale: r.stale === 1,
  };
}
