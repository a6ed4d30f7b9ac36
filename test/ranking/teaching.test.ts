import { beforeAll, describe, expect, it } from 'vitest';
import { Knowledge, teachingRule, teachingsFile } from '../../src/ranking/knowledge.js';
import { Mappings, parseMappings } from '../../src/ranking/mappings.js';
import { Ranking } from '../../src/ranking/ranking.js';
import type { Sources } from '../../src/sources/registry.js';
import { Store, type Teaching } from '../../src/store/store.js';
import { fixtureRows } from '../helpers/queries.js';
import { realRows } from '../helpers/quality.js';
import { shippedSources } from '../helpers/ranking.js';

let sources: Sources;
beforeAll(async () => {
  sources = await shippedSources();
});

type Row = { text: string; answers: Set<string> };

/** How the menu does on rows: the answer first, and the answer anywhere in it. */
function figure(ranking: Ranking, rows: Row[]) {
  let first = 0;
  let menu = 0;
  for (const row of rows) {
    const m = ranking.menu(row.text);
    const ids = m.kind === 'menu' ? m.hits.map((h) => h.id) : [];
    const at = ids.findIndex((id) => row.answers.has(id));
    if (at === 0) first++;
    if (at >= 0) menu++;
  }
  return { first, menu };
}

/** Replays teaching: every other row taught (its text for its first answer), the others measured. */
function replay(rows: Row[]) {
  const taught = rows.filter((_, i) => i % 2 === 0);
  const held = rows.filter((_, i) => i % 2 === 1);
  const rules = taught.map((row, i) =>
    teachingRule({ id: i, wording: row.text, answerId: [...row.answers][0]!, taughtBy: 'mod' }),
  );
  return {
    before: figure(new Ranking(sources, () => new Mappings([])), held),
    after: figure(new Ranking(sources, () => new Mappings(rules)), held),
  };
}

describe('teaching, replayed', () => {
  it("given the wordings of one half of the members' messages taught, then the other half's menus find more answers", () => {
    // Both sets of messages: the dev set alone is near the ceiling, with little left to find.
    const messages = ['dev-messages.tsv', 'holdout-messages.tsv'].flatMap((f) => fixtureRows(f));
    const rows = messages.map(([text, id]) => ({
      text: text!.replaceAll('\\n', '\n'),
      answers: new Set([id!]),
    }));
    const { before, after } = replay(rows);
    expect(after.menu + after.first).toBeGreaterThan(before.menu + before.first);
    expect(after.menu).toBeGreaterThanOrEqual(before.menu);
    expect(after.first).toBeGreaterThanOrEqual(before.first);
  });

  it("given one half of real members' questions taught, then the other half's menus find more answers", () => {
    const { before, after } = replay(realRows(sources).filter((r) => r.answers.size > 0));
    expect(after.menu + after.first).toBeGreaterThan(before.menu + before.first);
  });
});

describe('Knowledge', () => {
  const store = () => Store.open(':memory:');
  const folder = new Mappings([]);

  it('given a wording taught in one server, then it counts there and for the CLI, not in another server or a DM', () => {
    const s = store();
    s.teach({
      guildId: '111111111111111111',
      wording: 'sticker pack export',
      answerId: 'retention',
      taughtBy: 'mod',
    });
    const knowledge = new Knowledge(() => folder, s);
    const ranking = new Ranking(sources, (g) => knowledge.mappings(g));
    const first = (g?: string | null) => {
      const m = ranking.menu('how do I do a sticker pack export', g);
      return m.kind === 'menu' ? m.hits[0]?.id : m.kind;
    };
    expect(first('111111111111111111')).toBe('retention');
    expect(first(undefined)).toBe('retention');
    expect(first('222222222222222222')).not.toBe('retention');
    expect(first(null)).not.toBe('retention');
    s.close();
  });

  it('given a teaching undone, then the rules are rebuilt without it', () => {
    const s = store();
    const t = s.teach({
      guildId: '1',
      wording: 'sticker pack export',
      answerId: 'retention',
      taughtBy: 'mod',
    });
    const knowledge = new Knowledge(() => folder, s);
    expect(knowledge.mappings('1').taught.get('retention')).toEqual(['sticker pack export']);
    s.unteach(t.id, 'mod2');
    expect(knowledge.mappings('1').taught.size).toBe(0);
    s.close();
  });

  it('given teachings exported, then the file reads back as the same wordings (what `faq taught import` takes)', () => {
    const teachings: Teaching[] = [
      {
        id: 1,
        guildId: '123456789012345678',
        wording: 'my "key" leaked: what now?',
        answerId: 'browser',
        taughtBy: '42',
        taughtAt: Date.UTC(2026, 11, 1),
      },
    ];
    const parsed = parseMappings('taught.yaml', teachingsFile(teachings), () => true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rules).toMatchObject([
      {
        similar: ['my "key" leaked: what now?'],
        answers: ['browser'],
        by: '42',
        when: '2026-12-01',
        guild: '123456789012345678',
      },
    ]);
  });

  it('given a teaching exported to the folder and still in the store, then it counts once', () => {
    const s = store();
    s.teach({
      guildId: '1',
      wording: 'Sticker pack export',
      answerId: 'retention',
      taughtBy: 'mod',
    });
    const exported = new Mappings(
      parseMappings(
        't.yaml',
        '- similar: [sticker pack export]\n  answers: [retention]\n',
        () => true,
      ).rules,
    );
    expect(new Knowledge(() => exported, s).mappings('1').taught.get('retention')).toEqual([
      'sticker pack export',
    ]);
    s.close();
  });
});
