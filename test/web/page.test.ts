import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyOfShippedFaq } from '../helpers/local.js';
import {
  BROWSER_TESTS,
  launchBrowser,
  screenshotPath,
  startWebSandbox,
  type WebSandbox,
} from '../helpers/web.js';

/*
 * The web sandbox in a real browser (Debian's headless chromium driven by playwright-core): what
 * a member types, picks and presses goes to the real bot through the emulator, and what the page
 * shows is read off the page, shadow DOM of the Discord components included.
 */

let browser: Browser;
let sandbox: WebSandbox;
let page: Page;
let faqDir: string;
/** Every address the page asked for: it must never leave 127.0.0.1. */
let requested: string[];

beforeAll(async () => {
  if (BROWSER_TESTS) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  if (!BROWSER_TESTS) return;
  faqDir = await copyOfShippedFaq();
  sandbox = await startWebSandbox({ faqDir });
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  requested = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => requested.push(`pageerror: ${error.message}`));
});
afterEach(async () => {
  if (!BROWSER_TESTS) return;
  await page.close();
  await sandbox.close();
  // Nothing but the sandbox itself: no CDN avatar, font or emoji, and no script error.
  expect(
    requested.filter((url) => !url.startsWith(sandbox.url) && !url.startsWith('data:')),
  ).toEqual([]);
});

const box = () => page.locator('#box');
const suggestions = () => page.locator('#suggestions li');
/** The suggestions once they answer `line` (an answer to an earlier keystroke may show first). */
const suggestionsFor = (line: string) =>
  page.locator(`#suggestions[data-line="${line.replaceAll('"', '\\"')}"] li`);
const cards = () => page.locator('discord-message:has(discord-embed)');
const titleOf = (card: ReturnType<Page['locator']>) =>
  card.locator('.discord-embed-title').first().innerText();

async function type(text: string) {
  await box().click();
  await box().pressSequentially(text, { delay: 15 });
}

async function feedCount(n: number) {
  // The page counts the messages it shows (evaluated in the browser, hence a string).
  await page.waitForFunction(`Number(document.body.dataset.messages) >= ${n}`);
}

describe.skipIf(!BROWSER_TESTS)('the web sandbox in a browser', () => {
  it('given /faq and words typed, then the bot’s suggestions show as typed, and Enter posts the first one’s card as Discord draws it', async () => {
    await page.goto(sandbox.url);
    await type('/faq credits exp');
    const expected = (await sandbox.session.suggest('/faq credits exp')).choices.map((c) => c.name);
    expect(expected.length).toBeGreaterThan(1);
    await expect.poll(() => suggestions().allInnerTexts()).toEqual(expected);
    await box().press('Enter');
    await cards().first().waitFor();
    const card = cards().first();
    expect(await titleOf(card)).toBe('Do my credits expire?');
    expect(await card.locator('discord-embed-description').innerText()).toContain(
      'Purchased credits expire 365 days',
    );
    // The Markdown link is a link, and the command is shown as Discord shows a slash command's reply.
    expect(
      await card.locator('discord-embed-description discord-link').first().getAttribute('href'),
    ).toBe('https://fal.ai/dashboard/billing');
    expect(await card.locator('discord-command').getAttribute('command')).toBe('/faq');
    const docs = card.locator('discord-button[url]');
    expect(await docs.innerText()).toContain('Open in the docs');
    expect(await docs.locator('a').getAttribute('href')).toBe(
      'https://fal.ai/docs/documentation/model-apis/faq',
    );
    expect(await docs.locator('a').getAttribute('target')).toBe('_blank');
    expect(await box().inputValue()).toBe('');
    await page.screenshot({ path: await screenshotPath('web-sandbox.png') });
  });

  it('given the arrow keys or a click, then the suggestion chosen is the one posted', async () => {
    await page.goto(sandbox.url);
    await type('/faq credits');
    await suggestionsFor('/faq credits').nth(1).waitFor();
    const second = await suggestions().nth(1).innerText();
    await box().press('ArrowDown');
    expect(await suggestions().nth(1).getAttribute('aria-selected')).toBe('true');
    await box().press('Enter');
    await cards().first().waitFor();
    expect(await titleOf(cards().first())).toBe(second);

    await type('/faq invoice');
    await suggestionsFor('/faq invoice').first().waitFor();
    const first = await suggestions().first().innerText();
    await suggestions().first().click();
    await expect.poll(() => cards().count()).toBe(2);
    expect(await titleOf(cards().nth(1))).toBe(first);
  });

  it('given 👍 pressed under a card, then the bot’s thanks shows privately, as Discord shows an ephemeral reply', async () => {
    await page.goto(`${sandbox.url}?q=credits%20expire`);
    await cards().first().waitFor();
    await cards().first().locator('discord-button', { hasText: 'Helpful' }).first().click();
    const reply = page.locator('discord-message[ephemeral]');
    await reply.waitFor();
    expect(await reply.innerText()).toMatch(/thank/i);
    expect(await reply.locator('.discord-message-ephemeral').innerText()).toContain(
      'Only you can see this',
    );
  });

  it('given mention:@bob, then the card names bob as a Discord mention; given private:true, then only you see it', async () => {
    await page.goto(sandbox.url);
    await type('/faq invoice mention:@bob');
    await suggestions().first().waitFor();
    await box().press('Enter');
    await cards().first().waitFor();
    expect(await cards().first().locator('discord-mention').innerText()).toBe('bob');
    expect(await cards().first().getAttribute('ephemeral')).toBeNull();

    await type('/faq credits expire private:true');
    await suggestions().first().waitFor();
    await box().press('Enter');
    await expect.poll(() => cards().count()).toBe(2);
    expect(await cards().nth(1).getAttribute('ephemeral')).toBe('');
    // A private card has no feedback buttons: Discord could not tell whose vote it was.
    expect(await cards().nth(1).locator('discord-button:not([url])').count()).toBe(0);
  });

  it('given ?q= with cmd=docs or cmd=model, then the page opens with that text typed and its first suggestion’s card posted', async () => {
    await page.goto(`${sandbox.url}?q=fal%20cdn&cmd=docs`);
    await cards().first().waitFor();
    const docsFirst = (await sandbox.session.suggest('/docs fal cdn')).choices[0]!.name;
    expect(await titleOf(cards().first())).toBe(docsFirst);
    expect(await cards().first().locator('discord-command').getAttribute('command')).toBe('/docs');

    await page.goto(`${sandbox.url}?q=flux%20dev&cmd=model`);
    await expect.poll(() => cards().count()).toBe(2);
    expect(await titleOf(cards().nth(1))).toBe('fal-ai/flux/dev');
    expect(await cards().nth(1).locator('discord-embed').innerText()).toContain(
      'fal.subscribe("fal-ai/flux/dev"',
    );
  });

  it('given a saved edit of the card’s FAQ file, then the card shown updates; given an invalid edit, then its problems show instead', async () => {
    await page.goto(`${sandbox.url}?q=credits%20expire`);
    await cards().first().waitFor();
    const file = path.join(faqDir, 'credits-expire.md');
    const original = await readFile(file, 'utf8');
    await writeFile(
      file,
      original.replace('Do my credits expire?', 'Do my fal credits ever expire?'),
    );
    await expect
      .poll(() => titleOf(cards().first()), { timeout: 2500 })
      .toBe('Do my fal credits ever expire?');
    expect(await cards().first().locator('.preview-note').innerText()).toContain(
      'credits-expire.md changed',
    );

    await writeFile(file, original.replace(/^question: .*$/m, 'question: ""'));
    // The card's place shows what is wrong instead.
    const problems = page.locator('discord-message .problems-card');
    await problems.waitFor({ timeout: 2500 });
    expect(await problems.innerText()).toMatch(/credits-expire\.md:\d+ \(question\)/);
    expect(await page.locator('#problems').innerText()).toMatch(/credits-expire\.md/);
    expect(await cards().count()).toBe(0);

    await writeFile(file, original);
    await expect
      .poll(() => titleOf(cards().first()), { timeout: 2500 })
      .toBe('Do my credits expire?');
    expect(await page.locator('#problems').isVisible()).toBe(false);
  });

  it('given the moderator switch on, then /faq-admin pin pins the card; off, then the bot refuses', async () => {
    await page.goto(sandbox.url);
    await type('/faq-admin pin credits expire');
    await box().press('Enter');
    const refusal = page.locator('discord-message[ephemeral]').last();
    await refusal.waitFor();
    await expect.poll(() => refusal.innerText()).toMatch(/moderators/i);

    await page.locator('#moderator').check();
    await expect.poll(() => sandbox.session.moderator).toBe(true);
    await type('/faq-admin pin credits expire');
    await box().press('Enter');
    await page.locator('discord-system-message[type="pin"]').waitFor();
    expect(await titleOf(cards().last())).toBe('Do my credits expire?');
    // The reply names the channel as Discord does (#general), not by its id.
    const named = page.locator('discord-message[ephemeral] discord-mention[type="channel"]').last();
    await expect.poll(() => named.innerText()).toContain('general');
    await feedCount(3);
  });

  it('given a line that is no command, then the page says how to type one and posts nothing', async () => {
    await page.goto(sandbox.url);
    await type('hello there');
    await box().press('Enter');
    await expect.poll(() => page.locator('#hint').innerText()).toMatch(/\/faq, \/docs or \/model/);
    expect(await page.locator('discord-message').count()).toBe(0);
  });

  it('given /answer and a message, then Answer with FAQ’s menu shows privately, and choosing posts the card as a reply to that message', async () => {
    await page.goto(sandbox.url);
    await type('/answer my requests get 429 errors, why?');
    await box().press('Enter');
    const menu = page.locator('select.menu');
    await menu.waitFor();
    expect(await page.locator('discord-message[ephemeral]').count()).toBe(1);
    const first = menu.locator('option').nth(1);
    expect(await first.innerText()).toBe('Is there a rate limit?');
    await menu.selectOption((await first.getAttribute('value'))!);
    await cards().first().waitFor();
    expect(await titleOf(cards().first())).toBe('Is there a rate limit?');
    const reply = page.locator('discord-message:has(discord-embed) discord-reply');
    expect(await reply.innerText()).toContain('my requests get 429 errors');
  });

  it('given /dm and words, then the page shows the DM with the bot and the card there; back in #general it is not', async () => {
    await page.goto(sandbox.url);
    await type('/dm cred exp');
    await suggestions().first().waitFor();
    await box().press('Enter');
    await expect.poll(() => page.locator('#channel').innerText()).toBe('@fal FAQ');
    await cards().first().waitFor();
    expect(await titleOf(cards().first())).toBe('Do my credits expire?');
    await page.locator('#view').click();
    await expect.poll(() => page.locator('#channel').innerText()).toBe('general');
    await expect.poll(() => cards().count()).toBe(0);
  });

  it('given a post opened, then the help forum lists it with its author, and a click on it shows the bot’s reply and its buttons', async () => {
    await page.goto(sandbox.url);
    await sandbox.session.send(
      '/post Is there a rate limit? | I keep getting 429 from queue.fal.run',
    );
    await page.locator('#forum').click();
    await expect.poll(() => page.locator('#channel').innerText()).toBe('help-forum');
    const post = page.locator('.post', { hasText: 'Is there a rate limit?' });
    await post.waitFor();
    expect(await post.innerText()).toContain('you · 2 messages');
    await post.click();
    await expect
      .poll(() => page.locator('#channel').innerText())
      .toBe('help-forum › Is there a rate limit?');
    await expect
      .poll(() => page.locator('discord-button', { hasText: 'Solved by this' }).count())
      .toBe(1);
    await page.locator('#view').click();
    await expect.poll(() => page.locator('#channel').innerText()).toBe('general');
  });

  it('given a command being typed, then its name, subcommands and options are offered, and Enter or Tab fills them in', async () => {
    await page.goto(sandbox.url);
    await type('/faq-ad');
    await expect.poll(() => suggestions().allInnerTexts()).toEqual(['/faq-admin']);
    await box().press('Enter');
    await expect.poll(() => box().inputValue()).toBe('/faq-admin ');
    await expect.poll(() => suggestions().count()).toBe(7);
    await box().pressSequentially('st', { delay: 15 });
    await expect.poll(() => suggestions().allInnerTexts()).toEqual(['/faq-admin stats']);
    await box().press('Tab');
    await expect.poll(() => box().inputValue()).toBe('/faq-admin stats ');
    expect(await page.locator('discord-message').count()).toBe(0);
  });

  it('given more cards than fit the window, then the newest is in view, after each update and after a reload', async () => {
    // Cards draw after they arrive: on a loaded machine (the whole suite at once) that takes seconds.
    const SLOW_DRAW = { timeout: 10_000 };
    // Read in the page as expressions (the tests' TypeScript has no DOM).
    const shown = () => page.evaluate<number>('Number(document.body.dataset.messages)');
    const scrollTop = () => page.evaluate<number>("document.getElementById('scroller').scrollTop");
    const newestInView = () =>
      page.evaluate<boolean>(
        "(() => { const all = document.querySelectorAll('discord-message'); const last = all[all.length - 1].getBoundingClientRect(); return last.bottom <= window.innerHeight + 1 && last.bottom > 0; })()",
      );
    await page.goto(sandbox.url);
    const before = await page.locator('discord-message').count();
    for (const topic of [
      'credits expire',
      'rate limit',
      'invoice',
      'cold starts',
      'public urls',
      'commercial use',
    ])
      await sandbox.session.send(`/faq ${topic}`);
    await expect.poll(shown, SLOW_DRAW).toBeGreaterThanOrEqual(before + 6);
    await expect.poll(newestInView, SLOW_DRAW).toBe(true);
    await page.reload();
    await expect.poll(shown, SLOW_DRAW).toBeGreaterThanOrEqual(before + 6);
    await expect.poll(newestInView, SLOW_DRAW).toBe(true);
    // A reader who scrolled up to read stays where they are when a card arrives.
    await page.evaluate("document.getElementById('scroller').scrollTo({ top: 0 })");
    await expect.poll(scrollTop).toBe(0);
    await sandbox.session.send('/faq retention');
    await expect.poll(shown, SLOW_DRAW).toBeGreaterThanOrEqual(before + 7);
    expect(await scrollTop()).toBe(0);
    expect(await newestInView()).toBe(false);
  });
});
