import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');

// No Docker engine runs where the tests run: what the image runs is held to what CI runs outside it.
describe('the container', () => {
  it('given the Dockerfile, then its entry is the compiled bot CI runs, and its health check is faq health', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
    expect(ci).toContain('node dist/src/main.js');
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/cli\/main\.js", "health"\]/);
    expect(ci).toContain('node dist/src/cli/main.js health');
  });

  it('given the Dockerfile, then it runs as a user without rights, its database a volume', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(dockerfile).toMatch(/DATA_DIR=\/data/);
  });
});
