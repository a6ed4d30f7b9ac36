import { execFile } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's entry points (`src/cli/main.ts`, `src/main.ts`, …) as its npm
 * script does, minus npm's own start-up, with exactly `env` and optional standard input.
 */
export function runScript(
  script: string,
  args: string[],
  options: { env: Record<string, string | undefined>; input?: string },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [script, ...args],
      { cwd: ROOT, env: options.env, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** The smallest environment a script needs: no variable of the developer's leaks in. */
export const bareEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...extra,
});
