import type { HealthCheck } from '../bot/health.js';
import { print, type Subcommand } from './shared.js';

/** How long `faq health` waits for the bot's answer. */
const HEALTH_WAIT_MS = 3000;

/**
 * `faq health [--json]`: asks the running bot (GET http://127.0.0.1:HEALTH_PORT/health) whether its
 * gateway is connected, its database writable and its FAQ and snapshots loaded. Exit 0 when all is
 * well, 1 otherwise (a bot that does not answer is not well); one line per check.
 */
export const health: Subcommand = {
  name: 'health',
  usage: () => [
    'health [--json]                         ask the running bot (HEALTH_PORT) how it is: exit 0 when all',
    '                                        is well, 1 otherwise; one line per check',
  ],
  options: { json: { type: 'boolean', default: false } },
  async run(values, _rest, ctx) {
    const port = ctx.config().HEALTH_PORT;
    let checks: HealthCheck[];
    if (!port) {
      checks = [
        {
          name: 'bot',
          ok: false,
          detail: 'HEALTH_PORT is not set: the running bot answers its health there',
        },
      ];
    } else {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`, {
          signal: AbortSignal.timeout(HEALTH_WAIT_MS),
        });
        checks = ((await response.json()) as { checks: HealthCheck[] }).checks;
      } catch (error) {
        checks = [
          {
            name: 'bot',
            ok: false,
            detail: `no answer on 127.0.0.1:${port} (${(error as Error).message}): is the bot running?`,
          },
        ];
      }
    }
    const ok = checks.every((c) => c.ok);
    if (values.json) print(ctx, JSON.stringify({ ok, checks }));
    else for (const c of checks) print(ctx, `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    return ok ? 0 : 1;
  },
};
