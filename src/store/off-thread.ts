import { Worker } from 'node:worker_threads';

/** A read the store can run on another thread: named SQL statements and their parameters. */
export type ReadPlan = Record<string, { sql: string; args: Record<string, unknown> }>;

/** The reader thread's code, beside this file in src/ and in dist/ alike. */
const WORKER = new URL('./stats-worker.js', import.meta.url);

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
    const worker = new Worker(WORKER, { workerData: { file: this.file } });
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
