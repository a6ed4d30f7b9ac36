import { mkdtemp, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { copyOfShippedFaq, startTestBot, type TestBot } from '../helpers/local.js';

let h: TestBot | undefined;
afterAll(async () => {
  await h?.close();
});

async function editRateLimit(dir: string, from: string, to: string) {
  const file = path.join(dir, 'rate-limit.md');
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

/** The rate-limit card /faq shows the member (privately: a public card repeats only as a pointer). */
async function servedAnswer(bot: TestBot): Promise<string> {
  const i = await bot.emulator.command({
    command: 'faq',
    values: { topic: 'rate-limit', private: true },
  });
  return JSON.stringify((i.responses[0]!.data as { embeds: unknown[] }).embeds);
}

describe('FAQ_DIR switched to another folder by a deploy', () => {
  it('given FAQ_DIR a symlink switched to a new release, then its answers are served, and later edits in it too', async () => {
    const [release1, release2] = await Promise.all([copyOfShippedFaq(), copyOfShippedFaq()]);
    const link = path.join(await mkdtemp(path.join(tmpdir(), 'faq-link-')), 'faq');
    await symlink(release1, link);
    h = await startTestBot({ faqDir: link, watchFaq: true });
    const bot = h;
    expect(await servedAnswer(bot)).toContain('start at 2 concurrent');

    await editRateLimit(release2, 'start at 2 concurrent', 'start at 5 concurrent');
    await symlink(release2, `${link}.next`);
    await rename(`${link}.next`, link);
    await vi.waitFor(() => expect(bot.library.get('rate-limit')?.answer).toContain('start at 5'), {
      timeout: 6000,
    });
    expect(bot.log.lines.find((l) => l.msg === 'FAQ reloaded')).toMatchObject({
      trigger: 'folder replaced',
    });
    expect(await servedAnswer(bot)).toContain('start at 5 concurrent');

    // The new folder is the one watched now.
    await editRateLimit(release2, 'start at 5 concurrent', 'start at 6 concurrent');
    await vi.waitFor(() => expect(bot.library.get('rate-limit')?.answer).toContain('start at 6'), {
      timeout: 6000,
    });
    expect(await servedAnswer(bot)).toContain('start at 6 concurrent');
  });
});
