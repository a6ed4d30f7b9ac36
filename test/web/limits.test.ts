import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../src/emulator/emulator.js';
import { MAX_REQUEST_BYTES } from '../../src/emulator/http.js';
import { startWebSandbox, type WebSandbox } from '../helpers/web.js';

/*
 * What any local process can do to the web sandbox and its emulator, each attack with a limit
 * tight enough to test: every one is answered, and the servers keep serving.
 */

let sandbox: WebSandbox;
beforeAll(async () => {
  sandbox = await startWebSandbox({ limits: { streams: 3, headersMs: 300, requestMs: 600 } });
});
afterAll(async () => {
  await sandbox.close();
});

const url = (path: string) => new URL(path, sandbox.url);

/** Opens an event stream and resolves once it answered; `ended` resolves when the server closes it. */
function openStream(): Promise<{ req: ClientRequest; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const target = url('/api/events');
    const req = httpRequest(target, { headers: { host: target.host } }, (res: IncomingMessage) => {
      const ended = new Promise<void>((done) => res.on('end', done).on('close', done));
      res.resume();
      resolve({ req, ended });
    });
    req.on('error', reject);
    req.end();
  });
}

function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url(path), { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the web sandbox under a hostile local process', () => {
  it('given more event streams than it holds, then the oldest are closed and the newest served', async () => {
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await openStream());
    await Promise.all([streams[0]!.ended, streams[1]!.ended]);
    const stillOpen = await Promise.race([
      streams[4]!.ended.then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('open'), 300)),
    ]);
    expect(stillOpen).toBe('open');
    for (const s of streams) s.req.destroy();
  });

  it('given an address no URL can be made of, then 400, not 500', async () => {
    const host = url('/').host;
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(url('/').port), '127.0.0.1', () =>
        socket.write(`GET //[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      );
      let answer = '';
      socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1])));
      socket.on('error', reject);
    });
    expect(status).toBe(400);
  });

  it('given the page opened as localhost, then its changes are accepted from that origin as from 127.0.0.1', async () => {
    const localhost = `localhost:${url('/').port}`;
    const status = await raw(
      '/api/moderator',
      { host: localhost, origin: `http://${localhost}`, 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ on: false }),
    );
    expect(status).toBe(200);
  });

  it('given a connection that never finishes its headers, then it is closed, and the page still answers', async () => {
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(url('/').port), '127.0.0.1', () =>
        socket.write(`GET / HTTP/1.1\r\nHost: ${url('/').host}\r\n`),
      );
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', reject);
      socket.resume();
    });
    expect(closedAfter).toBeLessThan(5_000);
    expect(await raw('/', { host: url('/').host })).toBe(200);
  });
});

describe('the emulator under a hostile local process', () => {
  it('given a body over its bound, then Discord’s 413 and nothing more read, and it keeps answering', async () => {
    const emulator = await DiscordEmulator.start();
    try {
      const target = new URL('/api/v10/channels/1/messages', emulator.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          target,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', () => resolve(-1));
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        for (let i = 0; i <= MAX_REQUEST_BYTES / chunk.length; i++) req.write(chunk);
        req.end();
        req.on('error', reject);
      });
      expect(status).toBe(413);
      const gateway = await fetch(new URL('/api/v10/gateway/bot', emulator.url), {
        headers: { authorization: 'Bot any' },
      });
      expect(gateway.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
