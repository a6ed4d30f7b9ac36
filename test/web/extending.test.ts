import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echo } from '../helpers/echo-command.js';
import { BROWSER_TESTS, launchBrowser, startWebSandbox, type WebSandbox } from '../helpers/web.js';

/* The throwaway command of test/e2e/extending.e2e.test.ts, registered with one line, in the page. */

let browser: Browser;
let sandbox: WebSandbox;
let page: Page;

beforeAll(async () => {
  if (!BROWSER_TESTS) return;
  browser = await launchBrowser();
  sandbox = await startWebSandbox({ extraCommands: [echo] });
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
});
afterAll(async () => {
  await page?.close();
  await sandbox?.close();
  await browser?.close();
});

describe.skipIf(!BROWSER_TESTS)('a throwaway command in the web page', () => {
  it('given /echo typed with its options and Enter, then the bot’s reply shows under “you used /echo”', async () => {
    await page.goto(sandbox.url);
    const box = page.locator('#box');
    await box.click();
    await box.pressSequentially('/echo hello there loud:yes', { delay: 10 });
    await box.press('Enter');
    const reply = page.locator('discord-message', { hasText: 'echo: HELLO THERE' });
    await reply.waitFor();
    expect(await reply.locator('discord-command').getAttribute('command')).toBe('/echo');
  });
});
