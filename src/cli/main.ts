import { ConfigError, type Config } from '../config.js';
import { configFromEnvironment } from '../env.js';
import { ImportError } from '../importer/errors.js';
import { SnapshotError } from '../sources/catalog.js';
import { MappingsError } from '../ranking/mappings.js';
import { StoreError } from '../store/store.js';
import { SOURCES } from '../sources/registry.js';
import { runCli, usage } from './cli.js';
import { ExitError, UsageError } from './shared.js';

let config: Config | undefined;
runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  config: () => (config ??= configFromEnvironment()),
  sources: SOURCES,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      error instanceof ExitError ||
      error instanceof ImportError ||
      error instanceof SnapshotError ||
      error instanceof MappingsError ||
      error instanceof StoreError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof ExitError ? error.code : 1;
    } else if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`faq: ${(error as Error).message}\n\n${usage(SOURCES)}\n`);
      process.exitCode = 2;
    } else {
      // Some errors carry an empty stack (vfile's messages): print what they say instead.
      process.stderr.write(`faq: ${(error as Error).stack || String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
