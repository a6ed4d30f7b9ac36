import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordHttpError, type HttpAnswer } from './discord-error.js';
import type { Route } from './rest.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}

export interface Fault {
  method?: string;
  /** Matched against the decoded path below /api/v10, e.g. /interactions\/\d+\/.+\/callback/. */
  path: RegExp;
  status: number;
  /** Seconds, for a 429. */
  retryAfter?: number;
  /** For a 429: the global limit (every route), not the route's own. */
  global?: boolean;
  /** A Discord error code for the body (e.g. 10062 Unknown interaction). */
  code?: number;
  message?: string;
  remaining: number;
}

/**
 * The emulator's REST API over HTTP: the path under /api/v10 routed to its handler, the token
 * checked, the answer shaped as Discord's; every request recorded; and the fault switches that
 * make the next matching requests fail or wait.
 */
export class HttpApi {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly delays: {
    path: RegExp;
    method?: string;
    ms: number;
    remaining: number;
    onHold: () => void;
  }[] = [];

  constructor(
    private readonly routes: readonly Route[],
    private readonly acceptsToken: (token: string) => boolean,
    /** Whether to record requests (off for benchmarks, which would only grow memory). */
    private readonly recording: () => boolean,
  ) {}

  /** The next `times` requests matching `path` (and `method`) fail with `status` (429 carries `retryAfter` seconds). */
  failNext(fault: {
    path: RegExp;
    method?: string;
    status: number;
    retryAfter?: number;
    global?: boolean;
    times?: number;
    code?: number;
    message?: string;
  }): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /**
   * Fault switch: the next `times` matching requests are answered only after `ms` (a slow
   * Discord). `held` resolves once the first of them has arrived and is being held.
   */
  delayNext(delay: { path: RegExp; method?: string; ms: number; times?: number }): {
    held: Promise<void>;
  } {
    let onHold!: () => void;
    const held = new Promise<void>((resolve) => (onHold = resolve));
    this.delays.push({ ...delay, remaining: delay.times ?? 1, onHold });
    return { held };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    let raw: string;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      raw = await readBody(req, MAX_REQUEST_BYTES);
    } catch (error) {
      // Nothing more is read of it: the answer is sent and the connection closed.
      const answer =
        error instanceof DiscordHttpError
          ? error.toAnswer()
          : { status: 400, body: { message: '400: Bad Request', code: 0 } };
      res.writeHead(answer.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(answer.body));
      return;
    }
    const method = req.method ?? 'GET';
    const prefix = '/api/v10';
    const versioned = url.pathname.startsWith(prefix);
    const path = versioned ? url.pathname.slice(prefix.length) : url.pathname;
    const decoded = decodePath(path);
    const delay = takeSwitch(this.delays, method, decoded);
    if (delay) {
      delay.onHold();
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    let body: unknown;
    let answer: HttpAnswer;
    try {
      body = parseBody(raw, req.headers['content-type']);
      if (!versioned)
        throw new DiscordHttpError(404, RESTJSONErrorCodes.GeneralError, '404: Not Found');
      answer =
        this.faultAnswer(method, decoded) ??
        this.route(method, path, url.searchParams, body, req.headers.authorization);
    } catch (error) {
      answer =
        error instanceof DiscordHttpError
          ? error.toAnswer()
          : { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
    }
    const record: RecordedRequest = {
      method,
      path: decoded,
      query: Object.fromEntries(url.searchParams),
      body,
      status: answer.status,
      at: Date.now(),
    };
    if (this.recording()) this.requests.push(record);
    const headers: Record<string, string> = { ...answer.headers };
    // Never a JSON content type on an empty body: discord.js would try to parse it.
    if (answer.body !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  /** The answer of an armed fault switch matching this request, if one is. */
  private faultAnswer(method: string, decoded: string): HttpAnswer | undefined {
    const fault = takeSwitch(this.faults, method, decoded);
    if (!fault) return undefined;
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 0.05;
      return {
        status: 429,
        body: {
          message: 'You are being rate limited.',
          retry_after: retryAfter,
          global: fault.global ?? false,
        },
        headers: {
          'retry-after': String(retryAfter),
          'x-ratelimit-scope': fault.global ? 'global' : 'user',
          ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      };
    }
    return {
      status: fault.status,
      body: {
        message: fault.message ?? `${fault.status}: Emulated failure`,
        code: fault.code ?? 0,
      },
    };
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    authorization: string | undefined,
  ): HttpAnswer {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.parts.every((part, i) => {
        if (part.startsWith(':')) {
          params[part.slice(1)] = segments[i]!;
          return true;
        }
        return part === segments[i];
      });
      if (!matches) continue;
      if (route.auth && !this.acceptsToken(authorization ?? '')) {
        throw new DiscordHttpError(401, RESTJSONErrorCodes.GeneralError, '401: Unauthorized');
      }
      return route.handle({ params, query, body });
    }
    throw new DiscordHttpError(404, RESTJSONErrorCodes.GeneralError, '404: Not Found');
  }
}

/** The first armed fault or delay matching a request, used up by one. */
function takeSwitch<T extends { path: RegExp; method?: string; remaining: number }>(
  switches: T[],
  method: string,
  path: string,
): T | undefined {
  const found = switches.find(
    (s) => s.remaining > 0 && s.path.test(path) && (!s.method || s.method === method),
  );
  if (found) found.remaining -= 1;
  return found;
}

/** What one request body may be: a bot's message with attachments stays far below (Discord's own is 25 MiB of files). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The body as text, refused with Discord's 413 past `max` bytes (the rest is never read). */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.pause();
        reject(
          new DiscordHttpError(
            413,
            RESTJSONErrorCodes.RequestEntityTooLarge,
            'Request entity too large',
          ),
        );
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) {
    const match = /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
    if (match) return JSON.parse(match[1]!);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new DiscordHttpError(
      400,
      RESTJSONErrorCodes.RequestBodyContainsInvalidJSON,
      'The request body contains invalid JSON.',
    );
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
