import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A read the store can run on another thread: named SQL statements and their parameters. */
export type ReadPlan = Record<string, { sql: string; args: Record<string, unknown> }>;

/*
 * Plain JavaScript, so that the worker needs no TypeScript loader (tsx in development, none in
 * production). It opens its own read-only connection: WAL lets it read while the bot writes.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', ({ id, plan }) => {
  try {
    const rows = {};
    for (const [key, { sql, args }] of Object.entries(plan)) rows[key] = db.prepare(sql).all(args);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/**
 * Reads that may scan a year of a busy server (a million usage rows) run here, on a worker thread
 * with its own connection, so that the event loop keeps answering members meanwhile.
 */
export class OffThreadReader {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (rows: Record<string, unknown[]>) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly file: string) {}

  read(plan: ReadPlan): Promise<Record<string, unknown[]>> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, plan });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        file: this.file,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    // Idle, it must not keep the process alive.
    worker.unref();
    worker.on('message', (m: { id: number; rows?: Record<string, unknown[]>; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) waiting?.reject(new Error(m.error));
      else waiting?.resolve(m.rows!);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the reader thread exited (${code})`)));
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
