import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/importer/source.js';

/* A loopback server that answers as a hostile or broken docs site would. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/latin1.md':
        res.writeHead(200, { 'content-type': 'text/markdown; charset=iso-8859-1' });
        return res.end(Buffer.from([0x43, 0x61, 0x66, 0xe9])); // "Café" in Latin-1
      case '/stalls.md':
        // Headers and the start of a body, then nothing: the connection is held open.
        res.writeHead(200, { 'content-type': 'text/markdown' });
        return res.write('# A page that never ends\n');
      case '/huge.md': {
        res.writeHead(200, { 'content-type': 'text/markdown' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const more = () => {
          while (sent < 64 && res.write(chunk)) sent++;
          if (sent < 64) res.once('drain', more);
          else res.end();
        };
        return more();
      }
      default:
        res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

describe('readSource', () => {
  it('given a response in another charset, then it is read in that charset', async () => {
    expect(await readSource(`${base}/latin1.md`)).toBe('Café');
  });

  it('given a body that stalls, then it ends with “no answer within N s”, not a TypeError', async () => {
    await expect(readSource(`${base}/stalls.md`, { timeoutMs: 300 })).rejects.toThrow(
      `cannot fetch ${base}/stalls.md: no answer within 0.3 s`,
    );
  });

  it('given a body larger than the bound, then it stops reading there and says so', async () => {
    await expect(readSource(`${base}/huge.md`, { maxBytes: 1024 * 1024 })).rejects.toThrow(
      'over 1048576 bytes',
    );
  });

  it('given a local file that is no regular file (a link to /dev/zero), then it is refused unread', async () => {
    const link = path.join(await mkdtemp(path.join(tmpdir(), 'faq-source-')), 'llms.txt');
    await symlink('/dev/zero', link);
    await expect(readSource(link)).rejects.toThrow(`cannot read ${link}: not a regular file`);
  });
});
