import dotenv from 'dotenv';
import { loadConfig, type Config } from './config.js';

/** Entry points call this once: `.env` (when present) under the real environment, then validation. */
export function configFromEnvironment(): Config {
  dotenv.config({ quiet: true });
  return loadConfig(process.env);
}
