import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { bareEnv, ROOT, runScript } from '../helpers/run.js';

/** As `npm start` runs it: the sandbox when there is no token. */
const start = (env: Record<string, string>, input?: string) =>
  runScript('src/main.ts', ['--sandbox-without-token'], { env: bareEnv(env), input });
/**
 * `npm start` with `args` after `--sandbox-without-token`, left running: `url` is the page's
 * address once it is printed alone on a line (the contract other tools read).
 */
function startWeb(args: string[], env: Record<string, string>) {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['src/main.ts', '--sandbox-without-token', ...args],
    { cwd: ROOT, env: bareEnv(env), stdio: 'pipe' },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = vi.waitFor(
    () => {
      const printed = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1];
      expect(printed).toBeDefined();
      return printed!;
    },
    { timeout: 15_000 },
  );
  return { child, url, exited };
}

/** As production runs it (`node dist/src/main.js`): no sandbox to fall back on. */
const production = (env: Record<string, string>) =>
  runScript('src/main.ts', [], { env: bareEnv(env) });

describe('npm start', () => {
  it('given --help, then what it takes, and exit 0 without starting anything', async () => {
    const result = await runScript('src/main.ts', ['--sandbox-without-token', '--help'], {
      env: bareEnv(),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm start');
    expect(result.stdout).toContain('--web [--port N]');
    expect(result.stdout).not.toContain('sandbox: the real bot is connected');
  });

  it('given a bad configuration, then one message lists every problem, without a stack trace', async () => {
    const result = await start({ DISCORD_GUILD_ID: 'abc', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_GUILD_ID');
    expect(result.stderr).toContain('LOG_LEVEL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('given a DATA_DIR that cannot hold the database, then start-up stops with a clear message', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'faq-start-')), 'a-file');
    await writeFile(file, 'not a folder');
    const result = await start({
      DISCORD_TOKEN: 'never-used-token-1234567890',
      DATA_DIR: file,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot open the database');
    expect(result.stderr).toContain(`Check DATA_DIR (${file})`);
  });

  it('given an invalid FAQ folder, then start-up stops listing each problem with its file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-start-'));
    await writeFile(path.join(dir, 'bad.md'), '---\nquestion: Q?\nurl: nope\ncategory: x\n---\nA');
    const result = await start({ FAQ_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'bad.md')}:3 (url)`);
  });

  it('given the production entry without a token, then it exits non-zero with one line naming DISCORD_TOKEN', async () => {
    const result = await production({});
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DISCORD_TOKEN');
    expect(result.stdout).toBe('');
  });

  it('given npm start without a token, then the sandbox runs and answers', async () => {
    const result = await start({}, 'do credits expire\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Do my credits expire?');
  });

  it('given npm run dev, then the sandbox answers what is typed and an Enter does not restart it', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const [command, ...args] = pkg.scripts.dev!.split(' ');
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, { cwd: ROOT, env: bareEnv(), stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    try {
      await vi.waitFor(() => expect(out).toContain('are registered.'), { timeout: 15_000 });
      // What restarted `tsx watch`: a bare Enter. Here it is an empty line, then a query.
      child.stdin.write('\ndo credits expire\n');
      await vi.waitFor(() => expect(out).toContain('Do my credits expire?'), { timeout: 10_000 });
      expect(out.match(/fal-faq-bot sandbox:/g)).toHaveLength(1);
    } finally {
      child.kill();
    }
  }, 30_000);

  it('given npm start -- --web --port 0, then the page’s address is printed alone on a line, served on 127.0.0.1, and Ctrl-C stops it', async () => {
    const web = startWeb(['--web', '--port', '0'], {});
    try {
      const url = await web.url;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('fal-faq-bot sandbox');
      const suggested = (await (
        await fetch(`${url}api/suggest?line=${encodeURIComponent('/faq credits exp')}`)
      ).json()) as { choices: { name: string }[] };
      expect(suggested.choices[0]!.name).toBe('Do my credits expire?');
      web.child.kill('SIGINT');
      expect(await web.exited).toBe(0);
    } finally {
      web.child.kill();
    }
  }, 30_000);

  it('given npm start --web --port=0 without the --, then the page is served all the same', async () => {
    // What npm does with options it does not know: they become npm_config_<name>.
    const web = startWeb([], { npm_config_web: 'true', npm_config_port: '0' });
    try {
      expect(await web.url).not.toMatch(/:3000\//);
    } finally {
      web.child.kill();
    }
  }, 30_000);

  it('given --web with a token, or --port without --web, or a bad port, then start-up stops saying so', async () => {
    const withToken = await runScript('src/main.ts', ['--sandbox-without-token', '--web'], {
      env: bareEnv({ DISCORD_TOKEN: 'never-used-token-1234567890' }),
    });
    expect(withToken.code).toBe(1);
    expect(withToken.stderr).toMatch(/--web .*never runs with a token/);
    expect(withToken.stdout).not.toMatch(/http:\/\//);
    const portAlone = await runScript('src/main.ts', ['--sandbox-without-token', '--port', '0'], {
      env: bareEnv(),
    });
    expect(portAlone.code).toBe(1);
    expect(portAlone.stderr).toContain('--port goes with --web');
    const badPort = await runScript(
      'src/main.ts',
      ['--sandbox-without-token', '--web', '--port', 'x'],
      {
        env: bareEnv(),
      },
    );
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('--port takes a port number');
    const unknown = await runScript('src/main.ts', ['--sandbox-without-token', '--wbe'], {
      env: bareEnv(),
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("'--wbe'");
  });
});
