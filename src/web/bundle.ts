import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/**
 * The browser code is TypeScript that esbuild reads itself, and tsc leaves it out of `dist/` (it
 * has its own DOM tsconfig): run from `dist/src/web/`, it is still the one in `src/web/client/`.
 */
const ENTRY =
  [
    path.join(HERE, 'client', 'main.ts'),
    path.join(HERE, '..', '..', '..', 'src', 'web', 'client', 'main.ts'),
  ].find((file) => existsSync(file)) ?? path.join(HERE, 'client', 'main.ts');

let bundled: Promise<string> | undefined;

/**
 * The page's script: src/web/client with the Discord components and the Markdown parser, bundled
 * by esbuild once per process (the components ship as ES modules with bare imports, which a
 * browser cannot load as they are).
 */
export function clientScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  }).then((result) => result.outputFiles[0]!.text);
  // A failed build is not kept: the next request tries again (after the file is fixed, in dev).
  bundled.catch(() => (bundled = undefined));
  return bundled;
}
