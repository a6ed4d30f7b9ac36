import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { Agent } from 'undici';

/**
 * The discord.js client: Guilds intent only (slash commands need no privileged intent), and
 * nobody pinged by default so a forgotten `allowedMentions` can never ping anyone.
 * `apiUrl` is the REST base; discord.js learns the gateway from it (`GET /gateway/bot`).
 * REST goes through a bounded keep-alive pool: a burst of interactions reuses a few warm
 * connections instead of opening one per request.
 */
/**
 * An interaction answered later than this is lost anyway (Discord gives 3 s): a rate limit that
 * makes it wait longer fails the request at once, so the loss is logged, not waited for.
 */
const INTERACTION_WAIT_MS = 2000;

const outlastsInteraction = (limit: { route: string; retryAfter: number }) =>
  limit.route.startsWith('/interactions/') && limit.retryAfter > INTERACTION_WAIT_MS;

export function createClient(apiUrl: string, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...overrides,
    rest: {
      api: apiUrl,
      agent: new Agent({ connections: 64, keepAliveTimeout: 30_000, connect: { timeout: 30_000 } }),
      rejectOnRateLimit: outlastsInteraction,
      ...overrides.rest,
    },
  });
}
