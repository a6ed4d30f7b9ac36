import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareEnv, ROOT, runScript } from '../helpers/run.js';

describe("README's examples", () => {
  it('given the sandbox example, then the sandbox prints exactly what README shows', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- The sandbox example[^\n]*-->\n\n```text\n([\s\S]*?)\n```/.exec(readme)![1]!;
    const [first, ...shown] = block.split('\n');
    const typed = first!.replace(/^> /, '');
    const result = await runScript('src/main.ts', ['--sandbox-without-token'], {
      env: bareEnv(),
      input: `${typed}\n`,
    });
    expect(result.code).toBe(0);
    const printed = result.stdout.split('\n');
    const at = printed.indexOf(`> ${typed}`);
    expect(at).toBeGreaterThan(-1);
    expect(printed.slice(at + 1, at + 1 + shown.length)).toEqual(shown);
  });

  it('given the moderator example in docs/operating.md, then the sandbox prints those lines (… standing for ids)', async () => {
    const readme = await readFile(path.join(ROOT, 'docs/operating.md'), 'utf8');
    const block = /<!-- The moderator example[^\n]*-->\n\n```text\n([\s\S]*?)\n```/.exec(
      readme,
    )![1]!;
    const [first, ...shown] = block.split('\n');
    const typed = first!.replace(/^> /, '');
    const result = await runScript('src/main.ts', ['--sandbox-without-token', '--as-moderator'], {
      env: bareEnv(),
      input: `${typed}\n`,
    });
    const printed = result.stdout.split('\n');
    const at = printed.indexOf(`> ${typed}`);
    expect(at).toBeGreaterThan(-1);
    const pattern = (line: string) =>
      new RegExp(
        `^${line
          .split('…')
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
    shown.forEach((line, i) => expect(printed[at + 1 + i]).toMatch(pattern(line)));
  });

  it('given npm start --as-moderator without the --, then the sandbox still makes you a moderator', async () => {
    const result = await runScript('src/main.ts', ['--sandbox-without-token'], {
      // What npm does with an option it does not know: it becomes npm_config_<name>.
      env: bareEnv({ npm_config_as_moderator: 'true' }),
      input: '/faq-admin stats\n',
    });
    expect(result.stdout).toContain('You are a moderator.');
    expect(result.stdout).toContain('FAQ usage in this server');
  });
});
