import { GatewayIntentBits, GatewayOpcodes, InteractionResponseType } from 'discord-api-types/v10';
import { Pool } from 'undici';
import WebSocket from 'ws';

/**
 * The host's floor for the load benchmark, run as its own process: a bot with no library and
 * no search. It parses gateway frames by hand and POSTs one fixed answer per interaction
 * through a keep-alive pool. A burst it cannot answer faster, against this emulator on this
 * host, no bot can. It reads DISCORD_API_URL and DISCORD_TOKEN. It is a measuring stick, not a
 * bot: it does not heartbeat, resume or retry.
 */
const api = new URL(process.env.DISCORD_API_URL ?? '');
const pool = new Pool(api.origin, { connections: 64 });
const answer = JSON.stringify({
  type: InteractionResponseType.ApplicationCommandAutocompleteResult,
  data: { choices: [{ name: 'Is there a rate limit?', value: 'rate-limit' }] },
});
const gateway = new WebSocket(`${api.origin.replace(/^http/, 'ws')}/gateway?v=10&encoding=json`);

gateway.on('message', (raw) => {
  const frame = JSON.parse(String(raw)) as { op: number; t?: string; d?: Record<string, string> };
  if (frame.op === GatewayOpcodes.Hello) {
    const identify = {
      token: process.env.DISCORD_TOKEN,
      intents: GatewayIntentBits.Guilds,
      properties: {},
    };
    gateway.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: identify }));
  } else if (frame.t === 'INTERACTION_CREATE' && frame.d) {
    const { id, token } = frame.d;
    void pool
      .request({
        method: 'POST',
        path: `${api.pathname}/v10/interactions/${id}/${token}/callback`,
        headers: { 'content-type': 'application/json' },
        body: answer,
      })
      .then((response) => response.body.dump());
  }
});
