import { Routes, type REST } from 'discord.js';
import type { Command } from './command.js';

/**
 * Registers the commands by bulk overwrite: to one guild when given (instant, for a test
 * server), else globally. Returns what Discord stored.
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: readonly Command[],
  guildId?: string,
): Promise<{ id: string; name: string }[]> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.put(route, { body: commands.map((c) => c.data.toJSON()) })) as {
    id: string;
    name: string;
  }[];
}
