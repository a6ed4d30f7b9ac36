import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client', 'main.ts');

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
