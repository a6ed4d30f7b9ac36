import { GatewayCloseCodes } from 'discord.js';

/** What an operator should do about a gateway close that discord.js will not recover from. */
const REMEDY: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]:
    'Discord refused the token: it was reset or revoked. Put the current one in DISCORD_TOKEN.',
  [GatewayCloseCodes.ShardingRequired]:
    'the bot is in too many servers for one connection; it needs sharding.',
  [GatewayCloseCodes.DisallowedIntents]:
    'Discord refused the intents the bot asked for; it asks for Guilds only, so check the application in the Developer Portal.',
};

/** A log message for a gateway Discord closed for good, naming the code and what to do. */
export function explainFatalClose(code: number): string {
  const name = (GatewayCloseCodes as Record<number, string | undefined>)[code] ?? 'unknown';
  return `Discord closed the gateway for good (${code} ${name}): ${REMEDY[code] ?? 'the bot cannot reconnect by itself.'}`;
}
