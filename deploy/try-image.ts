/**
 * Runs the built image against the project's Discord emulator and checks it answers, as a member
 * would see it: `npm run try-image -- [image] [docker|podman|chroot] [run flags…]` (default
 * fal-faq-bot, docker). The container shares the host's network so that it reaches the emulator on
 * 127.0.0.1. `chroot` is for a host where podman builds but cannot run containers (no cgroups, no
 * setrlimit): the image's command, user, folder and environment, run in a podman container's files.
 * Not part of `npm test`: it needs a container engine, which CI does not have.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { commands } from '../commands/index.js';
import { commandBody } from '../src/bot/register.js';
import { DiscordEmulator, randomToken } from '../src/emulator/emulator.js';
import { MemberDriver } from '../src/harness/member.js';

const [image = 'fal-faq-bot', engine = 'docker', ...runFlags] = process.argv.slice(2);
const token = randomToken();
const emulator = await DiscordEmulator.start({ token });
emulator.state.overwriteCommands(
  commands.map((c) => commandBody(c) as unknown as Record<string, unknown>),
  emulator.state.guild.id,
);
const env = [`DISCORD_TOKEN=${token}`, `DISCORD_API_URL=${emulator.apiUrl}`, 'LOG_LEVEL=warn'];

/** How the image runs here: its command, then a command beside it (the health check), and the clean-up. */
interface Runner {
  start: [string, string[]];
  exec(command: string[]): [string, string[]];
  cleanUp(): void;
}

/** The image run by `chroot`: its configuration applied by hand in a container's writable files. */
function inChroot(): Runner {
  const podman = (...args: string[]) => execFileSync('podman', args).toString().trim();
  const config = JSON.parse(podman('image', 'inspect', image, '--format', '{{json .Config}}')) as {
    Env: string[];
    User: string;
    WorkingDir: string;
    Cmd: string[];
  };
  const id = podman('create', image);
  const root = podman('mount', id);
  const user = readFileSync(`${root}/etc/passwd`, 'utf8')
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === config.User || f[2] === config.User)!;
  const run = (command: string[]): [string, string[]] => [
    'chroot',
    [
      `--userspec=${user[2]}:${user[3]}`,
      root,
      '/usr/bin/env',
      '-i',
      ...config.Env,
      ...env,
      '/bin/sh',
      '-c',
      `cd ${config.WorkingDir} && exec ${command.join(' ')}`,
    ],
  ];
  return { start: run(config.Cmd), exec: run, cleanUp: () => podman('rm', '-f', id) };
}

/** The image run by docker or podman, sharing the host's network. */
function inEngine(): Runner {
  const name = `fal-faq-bot-try-${process.pid}`;
  return {
    start: [
      engine,
      [
        'run',
        '--rm',
        '--name',
        name,
        '--network',
        'host',
        ...runFlags,
        ...env.flatMap((e) => ['-e', e]),
        image,
      ],
    ],
    exec: (command) => [engine, ['exec', name, ...command]],
    cleanUp: () => {},
  };
}

const runner = engine === 'chroot' ? inChroot() : inEngine();
const [program, args] = runner.start;
const container = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const exited = new Promise<number | null>((resolve) => container.on('exit', resolve));
let code = 1;
try {
  const ready = await Promise.race([
    emulator.gateway.whenReady().then(() => true),
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000)),
  ]);
  if (!ready) throw new Error('the container did not connect to the emulator within 60 s');
  const member = new MemberDriver(emulator, emulator.createMember({ username: 'member' }));
  const suggestions = await member.suggest('faq', 'credits expire');
  const answered = await member.run('faq', { topic: suggestions[0]!.value });
  const card = answered.responses[0]?.data as { embeds?: { title?: string }[] } | undefined;
  if (!card?.embeds?.[0]?.title) throw new Error('the bot in the container posted no card');
  process.stdout.write(
    `the image answered through the emulator: "credits expire" → ${suggestions.length} suggestions, card "${card.embeds[0].title}"\n`,
  );
  // The image's HEALTHCHECK, run beside the bot as the engine runs it.
  const [healthProgram, healthArgs] = runner.exec(['node', 'dist/src/cli/main.js', 'health']);
  process.stdout.write(
    `its health check (faq health):\n${execFileSync(healthProgram, healthArgs)}`,
  );
  code = 0;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
} finally {
  container.kill('SIGTERM');
  await exited;
  runner.cleanUp();
  await emulator.close();
}
process.exit(code);
