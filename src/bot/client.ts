import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';

/**
 * The discord.js client: Guilds intent only (slash commands need no privileged intent), and
 * nobody pinged by default so a forgotten `allowedMentions` can never ping anyone.
 * `apiUrl` is the REST base; discord.js learns the gateway from it (`GET /gateway/bot`).
 */
export function createClient(apiUrl: string, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...overrides,
    rest: { api: apiUrl, ...overrides.rest },
  });
}
