import { benchAutocomplete } from './autocomplete.js';
import { benchLoad } from './load.js';

/** `npm run bench` prints figures; it asserts nothing (tests never time things). */
const suite = process.argv[2] ?? 'autocomplete';
const suites: Record<string, () => Promise<void>> = {
  autocomplete: () => benchAutocomplete(),
  load: () => benchLoad(),
};
const run = suites[suite];
if (!run) {
  console.error(`unknown benchmark "${suite}"; one of: ${Object.keys(suites).join(', ')}`);
  process.exitCode = 2;
} else {
  await run();
}
