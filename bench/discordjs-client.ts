import { createClient } from '../src/bot/client.js';
import { sendChoices } from '../src/bot/respond.js';
import { FIXED_CHOICES } from './floor-command.js';

/**
 * The discord.js floor for the load benchmark, run as its own process: the bot's client, as
 * createClient makes it, answering every autocomplete with one fixed list through the bot's own
 * helper, with no search, store or logging. A burst it cannot answer faster, no bot built on
 * discord.js can on this host. It reads DISCORD_API_URL and DISCORD_TOKEN.
 */
const client = createClient(process.env.DISCORD_API_URL ?? '');
client.on('interactionCreate', (interaction) => {
  if (interaction.isAutocomplete()) void sendChoices(interaction, FIXED_CHOICES);
});
await client.login(process.env.DISCORD_TOKEN);
