import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { capConnections, loopbackOptions, type LoopbackLimits } from '../loopback.js';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { MAX_BOX_LENGTH } from './box-line.js';
import { clientScript } from './bundle.js';
import { PAGE_HTML } from './page.js';
import { BoxError, type WebSession } from './session.js';
import type { FeedChange } from './wire.js';

/** A request body is a line typed and a few ids: anything larger is not from the page. */
export const MAX_BODY_BYTES = 16 * 1024;
/** How often the channel is looked at for changes to push (the bot's replies, pinned edits, reloads). */
const FEED_POLL_MS = 200;

/**
 * What the page's server holds for any local process, whatever it sends: a few open event streams
 * (a newer one closes the oldest, so a reloaded page always gets one), each dropped when its
 * reader stops reading or after a while (the browser reconnects by itself), and connections whose
 * request is slow to come closed.
 */
export const WEB_LIMITS: LoopbackLimits & {
  streams: number;
  streamBufferBytes: number;
  streamMs: number;
} = {
  streams: 16,
  /** Unread event-stream data past which its reader is dropped. */
  streamBufferBytes: 1024 * 1024,
  /** An event stream is closed after this; EventSource opens a new one. */
  streamMs: 10 * 60_000,
  connections: 256,
  headersMs: 10_000,
  requestMs: 30_000,
};

/**
 * The page loads nothing but its own script: no fonts, avatars or emoji from Discord's CDN (the
 * sandbox runs offline), no inline script; the components' styles are inline.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const sendBody = z.strictObject({
  line: z.string().max(MAX_BOX_LENGTH),
  value: z.string().max(MAX_BOX_LENGTH).optional(),
});
const pressBody = z.strictObject({
  message: z.string().regex(/^\d{1,20}$/),
  customId: z.string().max(100),
});
const chooseBody = pressBody.extend({ value: z.string().max(100) });
const moderatorBody = z.strictObject({ on: z.boolean() });
const viewBody = z.strictObject({
  view: z.enum(['channel', 'dm', 'forum', 'post']),
  /** The post to show, with `post`. */
  post: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

/** Every path served, whatever the method: another method on one of them is a 405, not a 404. */
const ROUTES = new Set([
  '/',
  '/favicon.ico',
  '/app.js',
  '/api/feed',
  '/api/events',
  '/api/suggest',
  '/api/send',
  '/api/press',
  '/api/choose',
  '/api/moderator',
  '/api/view',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the web sandbox on 127.0.0.1 only. Any page in the member's browser can send requests to
 * a loopback port, so requests are refused unless they name this server as their host (DNS
 * rebinding) and, for changes, come from its own origin as JSON (a cross-site form cannot).
 */
export async function startWebServer(options: {
  session: WebSession;
  port: number;
  logger: Logger;
  /** Tighter limits (tests). */
  limits?: Partial<typeof WEB_LIMITS>;
}): Promise<WebServer> {
  const { session, logger } = options;
  const limits = { ...WEB_LIMITS, ...options.limits };
  const streams = new Set<ServerResponse>();
  /** The feed's other fields as last sent. */
  let lastMeta = '';
  /** Writes to a stream, or drops it when its reader has stopped reading. */
  const tell = (stream: ServerResponse, data: string) => {
    if (stream.writableLength > limits.streamBufferBytes) {
      streams.delete(stream);
      stream.destroy();
      return;
    }
    stream.write(`data: ${data}\n\n`);
  };
  // What the streams were last sent, item by item: a change sends only what differs.
  let sent = new Map<string, string>();
  /** The feed as of the last flush, whole: what a new stream starts from. */
  let whole = '';
  /** Sends every stream what changed since the last flush; returns the feed as it is now. */
  const flush = () => {
    const feed = session.feed();
    const { items, ...meta } = feed;
    const now = new Map(items.map((item) => [item.id, JSON.stringify(item)]));
    const metaJson = JSON.stringify(meta);
    const order = [...now.keys()];
    const same =
      metaJson === lastMeta &&
      order.join() === [...sent.keys()].join() &&
      order.every((id) => sent.get(id) === now.get(id));
    if (same) return;
    const change: FeedChange = {
      change: {
        meta,
        order,
        upsert: items.filter((item) => sent.get(item.id) !== now.get(item.id)),
      },
    };
    lastMeta = metaJson;
    sent = now;
    whole = JSON.stringify(feed);
    const data = JSON.stringify(change);
    for (const stream of streams) tell(stream, data);
  };
  const poll = setInterval(() => {
    if (streams.size > 0) flush();
  }, FEED_POLL_MS);
  poll.unref();

  let origin = '';
  const hosts = new Set<string>();
  /** The origin of each host it is served as: the page may be opened as either. */
  const origins = new Set<string>();
  const server = createServer(loopbackOptions(limits), (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message =
        error instanceof HttpError || error instanceof BoxError
          ? error.message
          : 'The sandbox could not do that (see the terminal).';
      if (status === 500 && !(error instanceof BoxError))
        logger.error({ err: error, path: req.url }, 'web sandbox request failed');
      if (!res.headersSent) json(res, error instanceof BoxError ? 400 : status, { error: message });
      else res.end();
    });
  });
  capConnections(server, limits);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has(req.headers.host ?? '')) throw new HttpError(403, 'Unknown host.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      throw new HttpError(400, 'That is not an address.');
    }
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
      case 'GET /favicon.ico':
        // The tab's icon is the browser's own: nothing to fetch.
        res.writeHead(204).end();
        return;
      case 'GET /app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', await clientScript());
      case 'GET /api/feed':
        return json(res, 200, session.feed());
      case 'GET /api/events': {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        // A newer stream closes the oldest, connection and all: a page reloaded many times keeps
        // working, and a process opening streams by the thousand holds a few connections at most.
        if (streams.size >= limits.streams) {
          const oldest = streams.values().next().value!;
          streams.delete(oldest);
          oldest.destroy();
        }
        // The others are told what changed first, so that all go on from the same feed.
        flush();
        tell(res, whole);
        streams.add(res);
        // Closed, not ended: the connection is freed too (an ended stream's would be kept alive).
        const expire = setTimeout(() => {
          streams.delete(res);
          res.destroy();
        }, limits.streamMs);
        expire.unref();
        req.on('close', () => {
          clearTimeout(expire);
          streams.delete(res);
        });
        return;
      }
      case 'GET /api/suggest': {
        const line = url.searchParams.get('line') ?? '';
        if (line.length > MAX_BOX_LENGTH) throw new HttpError(400, 'That line is too long.');
        return json(res, 200, await session.suggest(line));
      }
      case 'POST /api/send': {
        const body = parseBody(sendBody, await readJson(req));
        await session.send(body.line, body.value);
        return json(res, 200, {});
      }
      case 'POST /api/press': {
        const body = parseBody(pressBody, await readJson(req));
        await session.press(body.message, body.customId);
        return json(res, 200, {});
      }
      case 'POST /api/choose': {
        const body = parseBody(chooseBody, await readJson(req));
        await session.choose(body.message, body.customId, body.value);
        return json(res, 200, {});
      }
      case 'POST /api/view': {
        const body = parseBody(viewBody, await readJson(req));
        session.setView(body.view, body.post);
        return json(res, 200, session.feed());
      }
      case 'POST /api/moderator': {
        session.setModerator(parseBody(moderatorBody, await readJson(req)).on);
        return json(res, 200, session.feed());
      }
      default:
        throw new HttpError(ROUTES.has(url.pathname) ? 405 : 404, 'Not here.');
    }

    async function readJson(request: IncomingMessage): Promise<unknown> {
      const from = request.headers.origin;
      if (from !== undefined && !origins.has(from))
        throw new HttpError(403, 'Requests come from the sandbox page only.');
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
        throw new HttpError(415, 'Send JSON.');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw new HttpError(413, 'That request is too large.');
        chunks.push(chunk);
      }
      try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        throw new HttpError(400, 'That request is not JSON.');
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  for (const host of hosts) origins.add(`http://${host}`);
  return {
    url: `${origin}/`,
    async close() {
      clearInterval(poll);
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The body as `schema` has it, or a 400 that names each field that is wrong. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, `Bad request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
