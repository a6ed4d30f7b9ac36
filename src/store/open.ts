import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export class StoreError extends Error {}

/** Another running copy of the bot holds DATA_DIR. */
export class DataDirInUseError extends StoreError {}

/** How long start-up waits for a copy of the bot that is stopping to let go of DATA_DIR. */
export const LOCK_WAIT_MS = 3000;

/**
 * Holds `<dataDir>/faq-bot.lock` for as long as the store is open. Two copies of the bot on one
 * DATA_DIR (a manual `npm start` beside the service) would race to answer every interaction and
 * both pin every card, one of the two cards then kept by neither. An SQLite file in exclusive locking
 * mode keeps its lock until closed, and the system drops it when the process dies: no stale lock
 * after a crash. A file of its own, so the database stays readable for backups.
 */
function lockDataDir(dataDir: string, waitMs: number): Database.Database {
  const file = path.join(dataDir, 'faq-bot.lock');
  let lock: Database.Database | undefined;
  try {
    lock = new Database(file, { timeout: waitMs });
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return lock;
  } catch (error) {
    lock?.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(
        `DATA_DIR (${dataDir}) is in use by another running copy of the bot (it holds ${file}). Stop that copy first: two would race to answer every interaction and pin every card twice.`,
      );
    throw cannotOpen(file, dataDir, error);
  }
}

/** SQLite's words for a file that is not (or no longer) a sound database. */
const isCorrupt = (error: unknown) =>
  ['SQLITE_CORRUPT', 'SQLITE_NOTADB'].includes(String((error as { code?: unknown }).code));

/** A file in DATA_DIR that could not be opened, with what the operator should do about it. */
function cannotOpen(file: string, dataDir: string, error: unknown): StoreError {
  const why = (error as Error).message;
  if (isCorrupt(error))
    return new StoreError(
      [
        `the database ${file} is damaged (${why}); the bot will not start on it, and nothing in it was changed.`,
        `To recover: stop the bot, move the file aside with its -wal and -shm files (mv ${file} ${file}.damaged),`,
        `then restore your latest backup to ${file} (see "Back up DATA_DIR" in docs/operating.md),`,
        `or rescue what it still holds: sqlite3 ${file}.damaged .recover | sqlite3 ${file}`,
      ].join('\n'),
    );
  return new StoreError(
    `cannot open ${file}: ${why}\nCheck DATA_DIR (${dataDir}): it must be a writable folder.`,
  );
}

/**
 * How long a statement waits for a lock another process holds (a backup, an sqlite3 shell) before it
 * fails: short, because better-sqlite3 waits on the event loop, and every member waits with it.
 */
const BUSY_TIMEOUT_MS = 250;

/**
 * Opens (creating it) `<dataDir>/faq-bot.sqlite` at the latest schema, holding DATA_DIR for this
 * process (`:memory:`: a database of its own, no lock). A file that cannot be opened or migrated
 * throws StoreError, a DATA_DIR another copy holds DataDirInUseError (after waiting `lockWaitMs`).
 */
export function openDatabase(
  dataDir: string,
  lockWaitMs: number,
): { db: Database.Database; lock: Database.Database | undefined; file: string } {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'faq-bot.sqlite');
  let db: Database.Database;
  let lock: Database.Database | undefined;
  try {
    if (file !== ':memory:') {
      mkdirSync(dataDir, { recursive: true });
      lock = lockDataDir(dataDir, lockWaitMs);
    }
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    lock?.close();
    if (error instanceof StoreError) throw error;
    throw isCorrupt(error)
      ? cannotOpen(file, dataDir, error)
      : cannotOpen(`the database ${file}`, dataDir, error);
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    lock?.close();
    if (isCorrupt(error)) throw cannotOpen(file, dataDir, error);
    throw new StoreError(`cannot migrate the database ${file}: ${(error as Error).message}`);
  }
  return { db, lock, file };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this bot knows (${MIGRATIONS.length}); upgrade the bot`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * Opens `<dataDir>/faq-bot.sqlite` to read only, beside a running bot (no lock taken, nothing
 * migrated): what the shell's stats, export and backup read. The schema must be this code's.
 */
export function openDatabaseReadOnly(dataDir: string): { db: Database.Database; file: string } {
  const file = path.join(dataDir, 'faq-bot.sqlite');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new StoreError(
      `cannot read ${file}: ${(error as Error).message}\nCheck DATA_DIR (${dataDir}): the bot creates the database when it first starts.`,
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== MIGRATIONS.length) {
    db.close();
    throw new StoreError(
      `the database ${file} is at schema version ${version}, this code at ${MIGRATIONS.length}: run the same version of the bot on it first`,
    );
  }
  return { db, file };
}
