import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/faq/problem.js';
import {
  loadMappingsDir,
  Mappings,
  MappingsLibrary,
  parseMappings,
} from '../../src/ranking/mappings.js';

const known = (id: string) =>
  ['credits-run-out', 'rate-limit', 'docs:documentation/setting-up/authentication'].includes(id);
const parse = (text: string) => parseMappings('/m/errors.yaml', text, known);

describe('parseMappings', () => {
  it('given a wrong field, a short phrase and a missing answer, then each problem names the file, the line from the top and the field', () => {
    const { rules, problems } = parse(
      [
        '# a comment line',
        '- phrases: [user is locked]',
        '  answers: [credits-run-out]',
        '- statuses: [401]',
        '  answer: [rate-limit]',
        '- phrases: [x]',
        '  answers: [rate-limit]',
      ].join('\n'),
    );
    expect(rules).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      '/m/errors.yaml (line 5, rule 2, answer): unknown field answer (a rule has phrases, statuses, similar, answers, support, strength, why, by, when and guild)',
      '/m/errors.yaml (line 4, rule 2, answers): a rule needs answers (ids of FAQ entries, docs pages or models), or support: true',
      '/m/errors.yaml (line 6, rule 3, phrases[0]): a phrase needs 2 characters at least',
    ]);
  });

  it('given malformed YAML, then the problem says so at its line', () => {
    const { problems } = parse('- phrases: [unclosed\n  answers: [rate-limit]\n');
    expect(problems[0]).toMatchObject({
      file: '/m/errors.yaml',
      field: expect.stringMatching(/^line \d+$/),
    });
    expect(problems[0]!.message).toMatch(/^malformed YAML/);
  });

  it('given an answer no source has, then the rule keeps its other answers and a warning names it', () => {
    const { rules, problems, warnings } = parse(
      '- statuses: [429]\n  answers: [gone-entry, rate-limit]\n',
    );
    expect(problems).toEqual([]);
    expect(rules[0]!.answers).toEqual(['rate-limit']);
    expect(warnings.map(formatProblem)).toEqual([
      '/m/errors.yaml (line 2, rule 1, answers[0]): no FAQ entry, docs page or model has the id "gone-entry" (FAQ ids are file names; docs:<path>, model:<endpoint>)',
    ]);
  });
});

describe('Mappings.match', () => {
  const mappings = new Mappings(
    parse(
      [
        '- phrases: [user is locked, locked]',
        '  answers: [credits-run-out]',
        '- phrases: [fal_client]',
        '  answers: [docs:documentation/setting-up/authentication]',
        '- statuses: [429]',
        '  answers: [rate-limit]',
        '- phrases: [refund]',
        '  support: true',
      ].join('\n'),
    ).rules,
  );

  it('given an error text quoted in JSON, then its phrase matches as words in order, whatever the case and punctuation', () => {
    const [m] = mappings.match('{"detail": "User is LOCKED. Reason: Exhausted balance"}', []);
    expect(m).toMatchObject({ matched: 'user is locked', kind: 'text' });
  });

  it('given a phrase of one or two words, then it is a hint; given three or more, strong', () => {
    expect(mappings.match('my key is locked', [])[0]).toMatchObject({
      matched: 'locked',
      kind: 'term',
    });
    expect(mappings.match('import fal_client fails', [])[0]).toMatchObject({ kind: 'term' });
  });

  it('given words of a phrase apart, then it does not match', () => {
    expect(mappings.match('the user said it is not locked', []).map((m) => m.matched)).toEqual([
      'locked',
    ]);
  });

  it('given a status the reading found, then the status rule matches', () => {
    expect(mappings.match('anything', [429])).toMatchObject([
      { matched: 'status 429', kind: 'status' },
    ]);
  });

  it('given a support phrase, then the match says people must answer it', () => {
    expect(mappings.match('I want a refund', [])[0]!.rule.support).toBe(true);
  });
});

describe('MappingsLibrary', () => {
  it('given a broken edit, then the reload is refused naming the file and the last good rules keep serving', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mappings-'));
    await writeFile(path.join(dir, 'a.yaml'), '- statuses: [429]\n  answers: [rate-limit]\n');
    const library = await MappingsLibrary.open(dir, known);
    const before = library.mappings;
    expect(before.match('x', [429])).toHaveLength(1);
    await writeFile(path.join(dir, 'a.yaml'), '- statuses: [429\n');
    const refused = await library.reload();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && formatProblem(refused.problems[0]!)).toContain(path.join(dir, 'a.yaml'));
    expect(library.mappings).toBe(before);
    await writeFile(path.join(dir, 'a.yaml'), '- statuses: [401]\n  answers: [rate-limit]\n');
    expect(await library.reload()).toMatchObject({ ok: true, rules: 1 });
    expect(library.mappings.match('x', [401])).toHaveLength(1);
  });

  it('given no folder, then there are no rules and no problem (a deployment without mappings)', async () => {
    expect(await loadMappingsDir('/nonexistent/mappings', known)).toEqual({
      rules: [],
      problems: [],
      warnings: [],
    });
  });
});

describe('the shipped mappings', () => {
  it('given the shipped sources, then every rule loads and every answer it names exists', async () => {
    const { shippedSources, SHIPPED_MAPPINGS } = await import('../helpers/ranking.js');
    const sources = await shippedSources();
    const load = await loadMappingsDir(SHIPPED_MAPPINGS, (id) => !!sources.find(id));
    expect(load.problems.map(formatProblem)).toEqual([]);
    expect(load.warnings.map(formatProblem)).toEqual([]);
    expect(load.rules.length).toBeGreaterThan(10);
  });
});
