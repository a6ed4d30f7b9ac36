import { PassThrough } from 'node:stream';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { FaqLibrary } from '../../src/sources/faq.js';
import { createLogger } from '../../src/logger.js';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { CapturedLog, copyOfShippedFaq } from '../helpers/local.js';
import { pipeIntoSandbox } from '../helpers/sandbox.js';

const pipeInto = (lines: string, asModerator = false) => pipeIntoSandbox(lines, { asModerator });

describe('sandbox watching the FAQ', () => {
  it('given a pinned card and its FAQ file edited, then the sandbox shows the card the bot edited; given a refused edit fixed, then it says the FAQ reloaded', async () => {
    const dir = await copyOfShippedFaq();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => (text += String(c)));
    const log = new CapturedLog();
    const running = runSandbox({
      config: loadConfig({ FAQ_DIR: dir }),
      logger: createLogger({ level: 'warn', destination: log, pretty: false }),
      library: await FaqLibrary.open(dir),
      commands,
      asModerator: true,
      input,
      output,
    });
    input.write('/faq-admin pin rate limit channel:#help\n');
    await vi.waitFor(() => expect(text).toContain('📌 pinned in #help'), { timeout: 10_000 });
    const file = path.join(dir, 'rate-limit.md');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('start at 2 concurrent', 'start at 3 concurrent'),
    );
    await vi.waitFor(() => expect(text).toContain('📌 the pinned card in #help was updated'), {
      timeout: 10_000,
    });
    expect(text.slice(text.indexOf('was updated'))).toContain('start at 3 concurrent');
    // A broken edit is refused (logged); the edit that fixes it is said in the terminal.
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('category: usage', 'category: [broken'));
    await vi.waitFor(
      () =>
        expect(
          log.lines.some((l) => l.msg === 'FAQ reload refused: the previous FAQ keeps serving'),
        ).toBe(true),
      { timeout: 10_000 },
    );
    expect(text).not.toContain('FAQ reloaded');
    await writeFile(file, good);
    await vi.waitFor(
      () => expect(text).toContain('✅ FAQ reloaded: the problems are fixed; 15 entries served.'),
      { timeout: 10_000 },
    );
    input.end();
    await running;
  }, 30_000);
});

describe('sandbox with piped input', () => {
  it('given more cards than a member’s budget, then every card is still public: exploring alone is not limited', async () => {
    const out = await pipeInto(
      'credits expire\ninvoice\nrate limit\ncold starts\nfiles stored\ncredits run out\npublic url\n',
    );
    expect(out.match(/│ From the fal docs/g)?.length).toBe(7);
    expect(out).not.toContain('only you can see this');
  });

  it('given what a newcomer gets wrong, then each is answered with what to type instead', async () => {
    const out = await pipeInto('/faq\ncred\n9\n/faq-admin bogus\n/faq-admin stats\n');
    expect(out).toContain('> /faq\n/faq needs a topic: type `/faq <words>`');
    expect(out).toMatch(/> 9\nNo suggestion 9: there are \d+ suggestions; pick 1–\d+\./);
    expect(out).toContain(
      '/faq-admin has no subcommand "bogus": it has pin, unpin, reload, stats, teach, unteach and solved',
    );
    expect(out).toContain('npm start -- --as-moderator');
  });

  it('given 👍 and 👎 after a card, then the buttons are pressed and the private answers shown', async () => {
    const out = await pipeInto('/faq rate-limit\nup\ndown\n');
    expect(out).toContain('> up\n(only you can see this)\nThanks, noted as helpful.');
    expect(out).toContain(
      '> down\n(only you can see this)\nChanged your vote to not helpful. Thanks!',
    );
  });

  it('given /answer and a number, then Answer with FAQ offers its menu and the pick replies to that message', async () => {
    const out = await pipeInto('/answer my requests get 429 errors, is there a limit?\n1\n');
    expect(out).toContain('asker wrote in #general: my requests get 429 errors');
    expect(out).toMatch(/Answer asker's message with:\n {3}1\. Is there a rate limit\?/);
    expect(out).toContain('↪ the bot replied to their message:\n@asker\n┌');
    expect(out).toContain('@asker');
  });

  it('given /dm, then the suggestions and the card are in the DM with the bot', async () => {
    const out = await pipeInto('/dm cred exp\n');
    expect(out).toContain('> /dm cred exp\n(in your DM with the bot)\n   1. Do my credits expire?');
    expect(out).toContain('(in your DM with the bot)\n┌');
  });

  it('given the same question twice, then the card is shown twice (the sandbox has no cooldown)', async () => {
    const out = await pipeInto('/faq rate-limit\n/faq rate-limit\n');
    expect(out.match(/│ Is there a rate limit\?/g)).toHaveLength(2);
  });

  it('given /docs and /model, then their suggestions and the first one’s card', async () => {
    const out = await pipeInto('/docs fal cdn\n/model flux dev\n');
    expect(out).toContain('> /docs fal cdn\n   1. fal CDN');
    expect(out).toContain('│ fal CDN');
    expect(out).toContain('> /model flux dev\n   1. fal-ai/flux/dev');
    expect(out).toContain('fal.subscribe("fal-ai/flux/dev"');
  });

  it('given /docs with mention and private, then they are not searched for and the card goes with them', async () => {
    const out = await pipeInto('/docs fal cdn mention:@bob private:true\n');
    expect(out).toContain('> /docs fal cdn mention:@bob private:true\n   1. fal CDN');
    expect(out).toContain('(only you can see this)\n@bob');
    expect(out).toContain('│ fal CDN');
  });

  it('given a query a line, then it prints the choices and the card of the first, and ends at end of input', async () => {
    const out = await pipeInto('do credits expire\n/faq rate-limit mention:@bob private:true\n');
    expect(out).toMatch(/local Discord emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('> do credits expire');
    expect(out).toMatch(/ 1\. Do my credits expire\?/);
    expect(out).toContain('│ Do my credits expire?');
    expect(out).toContain('Purchased credits expire 365 days');
    expect(out).toContain('[ Open in the docs ]');
    expect(out).toContain(
      '> /faq rate-limit mention:@bob private:true\n(only you can see this)\n@bob',
    );
  });

  it('given a number after a query, then it picks that suggestion, as at the prompt', async () => {
    const out = await pipeInto('credits\n2\n9\n');
    expect(out).toMatch(/> 2\n(.*\n)*│ What happens when my credits run out\?/);
    expect(out).toContain('> 9\nNo suggestion 9');
  });

  it('given a topic that matches nothing, then the notice shows it as Discord would: typed, not escaped', async () => {
    const out = await pipeInto('/faq zzqx **now** in_qqvv\n');
    expect(out).toContain('Nothing I have answers "zzqx **now** in_qqvv".');
  });
});

describe('the sandbox’s help forum', () => {
  it('given /post lines piped in, then each prints post: <title>, then the bot’s reply in the post or (no reply)', async () => {
    const out = await pipeInto('/post Do my credits expire?\n/post zzqx qqvv | wwkk\n/post\n');
    expect(out).toMatch(
      /> \/post Do my credits expire\?\npost: Do my credits expire\?\nThis may answer your question:\n[\s\S]*Do my credits expire\?[\s\S]*\[ Solved by this \]/,
    );
    expect(out).toContain('> /post zzqx qqvv | wwkk\npost: zzqx qqvv\n(no reply)');
    expect(out).toContain('/post needs a title');
  });
});

describe('sandbox as a moderator', () => {
  it("given /say with a fal key in it, then AutoMod blocks it as Discord shows its author, and the bot's DM says how to rotate the key; an ordinary /say is posted", async () => {
    const key = '6f1c2a3b-1d2e-4f5a-8b9c-0d1e2f3a4b5c:0123456789abcdef0123456789abcdef';
    const out = await pipeInto(`/say my key is ${key}\n/say hello there\n`);
    expect(out).toContain(
      '🛡️ AutoMod blocked your message in #general (fal API key guard (fal-faq-bot)); nobody saw it.',
    );
    expect(out).toContain(
      '✉️ the bot wrote to you in a DM:\nYour message in #general was not posted',
    );
    expect(out).toContain('Rotate it now: open https://fal.ai/dashboard/keys');
    expect(out).toContain('> /say hello there\nyou wrote in #general: hello there');
  });

  it('given /model check:<request>, then the private check is shown; given /model alone, then what to give', async () => {
    const out = await pipeInto(
      '/model check:fal_client.subscribe("fal-ai/flux/dev", arguments={"prompt": "a cat", "num_images": "2"})\n/model\n',
    );
    expect(out).toContain(
      '(only you can see this)\nChecked against `fal-ai/flux/dev`: 1 problem(s).',
    );
    expect(out).toContain('"num_images": 2');
    expect(out).toContain('paste a fal request into `check`');
  });

  it('given --as-moderator, then /faq-admin pin posts and pins the card in the named channel', async () => {
    const out = await pipeInto(
      '/faq-admin pin cold starts channel:#help\n/faq-admin reload\n',
      true,
    );
    expect(out).toContain('Pinned **Do I pay for cold starts?** in #help');
    expect(out).toContain('📌 pinned in #help:');
    expect(out).toContain('Reloaded 15 entries.');
  });

  it('given days Discord would not let anyone send, then the sandbox says so instead of answering', async () => {
    const out = await pipeInto('/faq-admin stats days:0\n/faq-admin stats days:30\n', true);
    expect(out).toContain(
      '> /faq-admin stats days:0\n(error: /faq-admin stats: days must be from 1 to 365)',
    );
    expect(out).toContain(
      '> /faq-admin stats days:30\n(only you can see this)\nFAQ usage in this server over the last 30 days',
    );
  });

  it('given no --as-moderator, then /faq-admin is refused as for any member', async () => {
    const out = await pipeInto('/faq-admin pin cold starts\n');
    expect(out).toContain('Only moderators');
    expect(out).not.toContain('📌');
  });
});
