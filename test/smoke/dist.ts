/**
 * CI's smoke test of the build: the compiled `dist/src/main.js`, run as production runs it (a
 * token, its own process), against the emulator on 127.0.0.1; one autocomplete and one /faq.
 * Then the same file as the browser sandbox (`--sandbox-without-token --web`): its page script.
 * Run after `npm run build`: `node --import tsx test/smoke/dist.ts`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { commands } from '../../commands/index.js';
import { spawnBotProcess } from '../../src/harness/bot-process.js';
import { DiscordEmulator, randomToken } from '../../src/emulator/emulator.js';

const token = randomToken();
const emulator = await DiscordEmulator.start({ token });
const bot = await spawnBotProcess({
  emulator,
  token,
  commands,
  entry: 'dist',
  logLevel: 'warn',
  stdio: ['ignore', 'inherit', 'inherit'],
});
let code = 1;
const deadline = setTimeout(() => {
  console.error('smoke test: the compiled bot did not answer within 20 s');
  bot.kill('SIGKILL');
  process.exit(1);
}, 20_000);
try {
  await emulator.gateway.whenReady();
  const member = emulator.createMember({ username: 'smoke' });
  const choices = await emulator.autocomplete({
    command: 'faq',
    member,
    focused: 'topic',
    value: 'rate limti',
  });
  const answer = await emulator.command({
    command: 'faq',
    member,
    values: { topic: String(choices[0]?.value) },
  });
  const title = (answer.responses[0]?.data as { embeds?: { title?: string }[] } | undefined)
    ?.embeds?.[0]?.title;
  if (choices[0]?.value === 'rate-limit' && title === 'Is there a rate limit?') {
    console.log(
      'smoke test: node dist/src/main.js answered an autocomplete and a /faq through the emulator',
    );
    code = 0;
  } else console.error(`smoke test: unexpected answer (${JSON.stringify(choices[0])}, ${title})`);
} finally {
  clearTimeout(deadline);
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.on('exit', resolve));
  await emulator.close();
}
if (code === 0) code = await webSandboxServesItsScript();
process.exit(code);

/** The compiled bot's browser sandbox: its address printed alone on a line, and `/app.js` built. */
async function webSandboxServesItsScript(): Promise<number> {
  const env = { ...process.env };
  delete env.DISCORD_TOKEN;
  const web = spawn(
    process.execPath,
    ['dist/src/main.js', '--sandbox-without-token', '--web', '--port', '0'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const timer = setTimeout(() => web.kill('SIGKILL'), 20_000);
  try {
    for await (const line of createInterface({ input: web.stdout })) {
      if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(line)) continue;
      const script = await fetch(`${line}app.js`);
      const size = (await script.text()).length;
      if (script.ok && size > 0) {
        console.log(`smoke test: its --web sandbox serves the page script (${size} bytes)`);
        return 0;
      }
      console.error(`smoke test: the --web sandbox answered ${script.status} for /app.js`);
      return 1;
    }
    console.error('smoke test: the --web sandbox ended without printing its address');
    return 1;
  } finally {
    clearTimeout(timer);
    web.kill('SIGTERM');
    if (web.exitCode === null && web.signalCode === null) await once(web, 'exit');
  }
}
