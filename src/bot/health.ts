import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Status, type Client } from 'discord.js';
import type { BotContext } from './command.js';

/** One thing an orchestrator (or `faq health`) checks; `ok: false` makes the whole answer 503. */
export interface HealthCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** A gateway quiet for longer than this is taken for dead (Discord heartbeats every ~41 s). */
export const GATEWAY_QUIET_MS = 120_000;

/**
 * What the running bot says of itself: the gateway connected and heard from lately, the database
 * writable, the FAQ and the snapshots loaded (and the last reload that was refused, with why).
 */
export function healthChecks(
  client: Client,
  ctx: Pick<BotContext, 'store' | 'sources' | 'answers'>,
  state: { lastEventAt: number; connected: boolean; lastRefused?: string },
): HealthCheck[] {
  const quiet = Date.now() - state.lastEventAt;
  const ready = state.connected && client.ws.status === Status.Ready;
  const checks: HealthCheck[] = [
    {
      name: 'gateway',
      ok: ready && quiet < GATEWAY_QUIET_MS,
      detail: `${ready ? 'connected' : `not connected (status ${Status[client.ws.status] ?? client.ws.status})`}; last event ${Math.round(quiet / 1000)} s ago`,
    },
    databaseCheck(ctx),
    ...ctx.sources.all.map((c) => ({
      name: c.source.name,
      ok: c.index.entries.length > 0,
      detail: `${c.index.entries.length} document(s) from ${c.path}`,
    })),
    {
      name: 'mappings',
      ok: true,
      detail: `${ctx.answers.mappings.mappings.rules.length} rule(s) from ${ctx.answers.mappings.dir}`,
    },
  ];
  if (state.lastRefused)
    checks.push({ name: 'last reload', ok: true, detail: `refused: ${state.lastRefused}` });
  return checks;
}

function databaseCheck(ctx: Pick<BotContext, 'store'>): HealthCheck {
  try {
    ctx.store.touchHealth();
    return { name: 'database', ok: true, detail: `writable (${ctx.store.file})` };
  } catch (error) {
    return { name: 'database', ok: false, detail: `not writable: ${(error as Error).message}` };
  }
}

/**
 * `GET /health` on 127.0.0.1:`port` (HEALTH_PORT): 200 when every check passes, else 503, the
 * checks as JSON. Loopback only: it is for the host's orchestrator, not for the internet.
 */
export async function startHealthServer(
  port: number,
  checks: () => HealthCheck[],
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/health') {
      res.writeHead(404).end();
      return;
    }
    const list = checks();
    const ok = list.every((c) => c.ok);
    res
      .writeHead(ok ? 200 : 503, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      })
      .end(JSON.stringify({ ok, checks: list }));
  });
  server.headersTimeout = 5000;
  server.requestTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
