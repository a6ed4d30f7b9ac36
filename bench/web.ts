import { request as httpRequest, type ClientRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startWebSandbox } from '../test/helpers/web.js';
import { WEB_LIMITS } from '../src/web/server.js';
import { mb } from './stats.js';

/**
 * The web sandbox while a local process opens 1,000 event streams and never reads them: memory
 * and event-loop lag stay bounded (it holds WEB_LIMITS.streams), and the page still answers.
 */
export async function benchWebStreams(count = 1000): Promise<void> {
  const sandbox = await startWebSandbox();
  const target = new URL('/api/events', sandbox.url);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const rssBefore = process.memoryUsage().rss;
  lag.enable();
  const opened: ClientRequest[] = [];
  let answered = 0;
  let closedByServer = 0;
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const req = httpRequest(target, { headers: { host: target.host } }, (res) => {
            answered++;
            // Never read: the body stays in the socket, as an idle tab's or a hostile reader's.
            res.pause();
            res.on('close', () => closedByServer++);
            resolve();
          });
          req.on('error', () => resolve());
          req.end();
          opened.push(req);
        }),
    ),
  );
  // The channel changes while they are open: every kept stream is written to.
  for (let i = 0; i < 20; i++) await sandbox.session.send('/faq credits expire', 'credits-expire');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const started = performance.now();
  const page = await fetch(sandbox.url);
  const pageMs = performance.now() - started;
  lag.disable();
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `web sandbox under ${count} unread event streams (held at most ${WEB_LIMITS.streams}; target: RSS growth ≤ 100 MB, event-loop lag p99 ≤ 100 ms)`,
  );
  console.log(
    `  answered ${answered}, closed by the server ${closedByServer}; RSS ${mb(rssBefore)} → ${mb(rssAfter)} (+${mb(rssAfter - rssBefore)}); event-loop lag p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms; the page answered ${page.status} in ${pageMs.toFixed(1)} ms`,
  );
  for (const req of opened) req.destroy();
  await sandbox.close();
}
