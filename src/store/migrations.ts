/**
 * Versioned schema: migration N brings the database from user_version N-1 to N. Append only;
 * never edit a migration that has shipped.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE pins (
     channel_id TEXT NOT NULL,
     entry_id   TEXT NOT NULL,
     message_id TEXT NOT NULL,
     card_hash  TEXT NOT NULL,
     question   TEXT NOT NULL,
     url        TEXT NOT NULL,
     pinned_by  TEXT NOT NULL,
     pinned_at  INTEGER NOT NULL,
     PRIMARY KEY (channel_id, entry_id)
   );
   CREATE TABLE usage (
     id         INTEGER PRIMARY KEY,
     at         INTEGER NOT NULL,
     outcome    TEXT NOT NULL,
     entry_id   TEXT,
     query      TEXT,
     user_id    TEXT,
     channel_id TEXT
   );
   CREATE INDEX usage_at ON usage (at);
   CREATE TABLE feedback (
     message_id TEXT NOT NULL,
     user_id    TEXT NOT NULL,
     entry_id   TEXT NOT NULL,
     helpful    INTEGER NOT NULL,
     at         INTEGER NOT NULL,
     PRIMARY KEY (message_id, user_id)
   );
   CREATE TABLE posts (
     channel_id TEXT NOT NULL,
     entry_id   TEXT NOT NULL,
     message_id TEXT NOT NULL,
     at         INTEGER NOT NULL,
     PRIMARY KEY (channel_id, entry_id)
   );`,
  // Pinned cards whose last edit failed, retried later.
  `ALTER TABLE pins ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;`,
  // The server of each pinned card, to forget its cards when the bot is removed from it; pins
  // made before this are matched by their channel instead (see Store.removeServerPins).
  `ALTER TABLE pins ADD COLUMN guild_id TEXT;`,
  // Where each use and vote happened (a server id, or '@me' for a DM with the bot), so that a
  // server's moderators see what was asked there only; rows from before stay NULL (see Store.stats).
  `ALTER TABLE usage ADD COLUMN guild_id TEXT;
   ALTER TABLE feedback ADD COLUMN guild_id TEXT;`,
  // The Discord application the database belongs to (a staging token on production data must not
  // prune its pins), and indexes that keep /faq-admin stats cheap over a year of a busy server.
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE INDEX usage_place ON usage (guild_id, outcome, at, entry_id);
   CREATE INDEX feedback_place ON feedback (guild_id, at, entry_id);`,
  // Which command was used (faq, docs, model), so that the stats show the gaps of each.
  `ALTER TABLE usage ADD COLUMN command TEXT;`,
  // A pin being made, recorded before its card is posted (and its message once Discord says it), so
  // that a restart in the middle of one finds the card and keeps it current instead of losing it.
  `CREATE TABLE pins_pending (
     channel_id TEXT NOT NULL,
     entry_id   TEXT NOT NULL,
     guild_id   TEXT,
     message_id TEXT,
     pinned_by  TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     PRIMARY KEY (channel_id, entry_id)
   );`,
  // Wordings moderators taught (`/faq-admin teach`): a member's words and the answer they mean.
  // Undoing keeps the row (who undid it and when), so the stats can say what was taught and unsaid.
  `CREATE TABLE taught (
     id         INTEGER PRIMARY KEY,
     guild_id   TEXT,
     wording    TEXT NOT NULL,
     answer_id  TEXT NOT NULL,
     taught_by  TEXT NOT NULL,
     -- Their name as Discord showed it then: what the stats say (a mention would ping).
     taught_by_name TEXT,
     taught_at  INTEGER NOT NULL,
     undone_by  TEXT,
     undone_at  INTEGER
   );
   CREATE INDEX taught_active ON taught (undone_at, id);`,
  // Posts of the help forums the bot answered (or chose not to): what the forum figures need and
  // nothing more (ids, the title, times, which answers; never the post's body).
  `CREATE TABLE forum_posts (
     thread_id      TEXT PRIMARY KEY,
     guild_id       TEXT,
     forum_id       TEXT NOT NULL,
     owner_id       TEXT NOT NULL,
     title          TEXT NOT NULL,
     created_at     INTEGER NOT NULL,
     reply_id       TEXT,
     suggested      TEXT NOT NULL DEFAULT '[]',
     first_human_at INTEGER,
     solved_at      INTEGER,
     solved_by      TEXT,
     solved_answer  TEXT,
     not_it_at      INTEGER,
     nudged_at      INTEGER
   );
   CREATE INDEX forum_posts_place ON forum_posts (guild_id, created_at);`,
];
