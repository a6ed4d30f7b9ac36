import { REST } from 'discord.js';
import { commands } from '../commands/index.js';
import { registerCommands } from './bot/register.js';
import { ConfigError, requireDeployConfig } from './config.js';
import { configFromEnvironment } from './env.js';

/** `npm run deploy-commands`: bulk-overwrites the slash commands, to DISCORD_GUILD_ID when set, else globally. */
async function main(): Promise<number> {
  const config = requireDeployConfig(configFromEnvironment());
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const where = config.DISCORD_GUILD_ID
    ? `guild ${config.DISCORD_GUILD_ID}`
    : 'globally (may take up to an hour to show)';
  const stored = await registerCommands(
    rest,
    config.DISCORD_CLIENT_ID,
    commands,
    config.DISCORD_GUILD_ID,
  );
  process.stdout.write(
    `Registered ${stored.length} command(s) ${where}: ${stored.map((c) => c.name).join(', ')}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const reason =
      error instanceof ConfigError
        ? error.message
        : `Registering commands failed: ${(error as Error).message}`;
    process.stderr.write(`${reason}\n`);
    process.exitCode = 1;
  },
);
