import type { Logger } from './logger.js';

/**
 * A stray rejected promise is logged with its context and the bot keeps serving: one bad
 * interaction must not take the community's bot down. An uncaught exception leaves the
 * process in an unknown state, so it is logged and the process exits non-zero for the
 * supervisor (systemd, pm2, …) to restart it.
 */
export function installProcessGuards(
  logger: Logger,
  proc: Pick<NodeJS.Process, 'on' | 'exit'> = process,
): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  proc.on('uncaughtException', (error: Error, origin: string) => {
    logger.fatal(
      { err: error, origin },
      'uncaught exception: state unknown, exiting so the supervisor restarts the bot',
    );
    proc.exit(1);
  });
}
