import { Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { AnyCommand } from './command.js';

/**
 * The registration body of a command. discord.js writes `default_member_permissions` as a
 * string; Discord's OpenAPI description types it as an integer (Discord takes both), so it is
 * sent as a number whenever that is exact.
 */
export function commandBody(command: AnyCommand): RESTPostAPIApplicationCommandsJSONBody {
  const json = command.data.toJSON();
  const permissions = json.default_member_permissions;
  if (typeof permissions === 'string' && BigInt(permissions) <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ...json, default_member_permissions: Number(permissions) as unknown as string };
  }
  return json;
}

/**
 * Registers the commands by bulk overwrite: to one guild when given (instant, for a test
 * server), else globally. Returns what Discord stored.
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: readonly AnyCommand[],
  guildId?: string,
): Promise<{ id: string; name: string }[]> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.put(route, { body: commands.map(commandBody) })) as {
    id: string;
    name: string;
  }[];
}
