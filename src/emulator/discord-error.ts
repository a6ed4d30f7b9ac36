import type { RESTJSONErrorCodes } from 'discord-api-types/v10';

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

export const unknown = (what: string, code: RESTJSONErrorCodes) =>
  new DiscordHttpError(404, code, `Unknown ${what}`);
