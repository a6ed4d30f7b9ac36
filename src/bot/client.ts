import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { Agent } from 'undici';

/**
 * The discord.js client: Guilds intent only (slash commands need no privileged intent), and
 * nobody pinged by default so a forgotten `allowedMentions` can never ping anyone.
 * `apiUrl` is the REST base; discord.js learns the gateway from it (`GET /gateway/bot`).
 * REST goes through a bounded keep-alive pool: a burst of interactions reuses a few warm
 * connections instead of opening one per request.
 */
export function createClient(apiUrl: string, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...overrides,
    rest: {
      api: apiUrl,
      agent: new Agent({ connections: 64, keepAliveTimeout: 30_000, connect: { timeout: 30_000 } }),
      ...overrides.rest,
    },
  });
}
