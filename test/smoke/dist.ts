/**
 * CI's smoke test of the build: the compiled `dist/src/main.js`, run as production runs it (a
 * token, its own process), against the emulator on 127.0.0.1; one autocomplete and one /faq.
 * Run after `npm run build`: `node --import tsx test/smoke/dist.ts`.
 */
import { commands } from '../../commands/index.js';
import { spawnBotProcess } from '../../src/emulator/bot-process.js';
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
process.exit(code);
