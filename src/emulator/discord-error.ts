/** An HTTP answer shaped like Discord's: status, JSON body, headers. */
export interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  toAnswer(): HttpAnswer {
    return {
      status: this.status,
      body: {
        message: this.message,
        code: this.code,
        ...(this.errors ? { errors: this.errors } : {}),
      },
    };
  }
}

export const unknown = (what: string, code: number) =>
  new DiscordHttpError(404, code, `Unknown ${what}`);
export const UNKNOWN_INTERACTION = 10062;
export const UNKNOWN_MESSAGE = 10008;
export const UNKNOWN_CHANNEL = 10003;
