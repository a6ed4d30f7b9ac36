// @ts-check
// The store's reader thread. JavaScript checked by tsc (JSDoc), so that the thread needs no
// TypeScript loader: tsx in development, none in production, where tsc copies it to dist/.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {import('./off-thread.js').ReadPlan} ReadPlan */

if (!parentPort) throw new Error('stats-worker.js runs as a worker thread only');
const port = parentPort;
// Its own read-only connection: WAL lets it read while the bot writes.
const db = new Database(/** @type {{ file: string }} */ (workerData).file, {
  readonly: true,
  fileMustExist: true,
});
db.pragma('busy_timeout = 1000');

port.on('message', (/** @type {{ id: number; plan: ReadPlan }} */ { id, plan }) => {
  try {
    /** @type {Record<string, unknown[]>} */
    const rows = {};
    for (const [key, { sql, args }] of Object.entries(plan)) rows[key] = db.prepare(sql).all(args);
    port.postMessage({ id, rows });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
