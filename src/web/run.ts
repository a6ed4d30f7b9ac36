import type { Writable } from 'node:stream';
import { startSandboxBot, type SandboxBotOptions } from '../harness/sandbox-bot.js';
import { WebSession } from './session.js';
import { startWebServer } from './server.js';

/**
 * `npm start -- --web`: the sandbox's bot and emulator, shown on a web page served on loopback
 * until Ctrl-C (or SIGTERM). The page's address is printed alone on a line, for scripts.
 */
export async function runWebSandbox(
  options: SandboxBotOptions & { output: Writable; port: number },
): Promise<void> {
  const write = (text: string) => options.output.write(`${text}\n`);
  const sandbox = await startSandboxBot(options, write);
  const session = new WebSession(sandbox.you, options.library);
  let server;
  try {
    server = await startWebServer({ session, port: options.port, logger: options.logger });
  } catch (error) {
    await sandbox.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use: pass --port N for another, or --port 0 for any free one`
        : (error as Error).message,
      { cause: error },
    );
  }
  write(`Open the sandbox in your browser (edits in ${options.config.FAQ_DIR} show as you save):`);
  write(server.url);
  write('Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  session.close();
  await sandbox.close();
}
