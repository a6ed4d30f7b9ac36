import { benchAutocomplete } from './autocomplete.js';
import { benchForum } from './forum.js';
import { benchHistory } from './history.js';
import { benchLoad } from './load.js';
import { benchQuality } from './quality.js';
import { benchSources } from './sources.js';
import { benchWebStreams } from './web.js';

/** `npm run bench` prints figures; it asserts nothing (tests never time things). */
const [suite = 'autocomplete', ...extra] = process.argv.slice(2);
const suites: Record<string, () => Promise<void>> = {
  autocomplete: async () => {
    await benchAutocomplete();
    await benchSources();
    await benchForum();
  },
  forum: () => benchForum(),
  sources: () => benchSources(),
  // Extra arguments are node flags for the bot, to measure a trade on your host before you make it.
  load: async () => {
    await benchLoad(extra);
    await benchHistory();
    await benchWebStreams();
  },
  web: () => benchWebStreams(),
  stats: () => benchHistory(),
  quality: async () => void (await benchQuality(extra.includes('--verbose'))),
};
const run = suites[suite];
if (!run) {
  console.error(`unknown benchmark "${suite}"; one of: ${Object.keys(suites).join(', ')}`);
  process.exitCode = 2;
} else {
  await run();
}
