import { stringify } from 'yaml';
import type { Teaching } from '../store/store.js';
import { Mappings, type Rule } from './mappings.js';

/** Where teachings are read from: the store while the bot runs, a snapshot of it in the CLI. */
export interface Teachings {
  readonly teachingVersion: number;
  teachings(): readonly Teaching[];
}

/** A taught wording as a rule: it matches messages like it, for the answer it was taught. */
export function teachingRule(t: Pick<Teaching, 'id' | 'wording' | 'answerId' | 'taughtBy'>): Rule {
  return {
    phrases: [],
    statuses: [],
    similar: [t.wording],
    answers: [t.answerId],
    why: `taught by ${t.taughtBy}`,
    at: `taught #${t.id}`,
  };
}

const key = (wording: string, answer: string) => `${answer}\n${wording.trim().toLowerCase()}`;

/**
 * What the ranking knows besides the sources' words: the mappings folder's rules and the wordings
 * moderators taught, as one set of rules rebuilt only when either changed. A server's teachings
 * count in that server only: a moderator of one server does not teach the bot for another.
 */
export class Knowledge {
  private folderSeen: Mappings | undefined;
  private versionSeen = -1;
  private readonly merged = new Map<string, Mappings>();

  constructor(
    private readonly folder: () => Mappings,
    private readonly taught?: Teachings,
  ) {}

  /** The rules for a server (null: a DM, the folder's only; undefined: every server's teachings). */
  mappings(guildId?: string | null): Mappings {
    const folder = this.folder();
    const version = this.taught?.teachingVersion ?? 0;
    if (folder !== this.folderSeen || version !== this.versionSeen) {
      this.merged.clear();
      this.folderSeen = folder;
      this.versionSeen = version;
    }
    const scope = guildId === undefined ? '*' : (guildId ?? '');
    let merged = this.merged.get(scope);
    if (!merged) {
      // A teaching exported to the folder and still in the store counts once.
      const written = new Set(
        folder.rules.flatMap((r) => r.similar.map((w) => key(w, r.answers[0] ?? ''))),
      );
      const taught = (this.taught?.teachings() ?? [])
        .filter((t) => guildId === undefined || (guildId !== null && t.guildId === guildId))
        .filter((t) => !written.has(key(t.wording, t.answerId)))
        .map(teachingRule);
      merged = taught.length ? new Mappings([...folder.rules, ...taught]) : folder;
      this.merged.set(scope, merged);
    }
    return merged;
  }
}

/** The teachings as a mappings file (`mappings/taught.yaml`): what `faq taught export` writes. */
export function teachingsFile(teachings: readonly Teaching[]): string {
  const rules = teachings.map((t) => ({
    similar: [t.wording],
    answers: [t.answerId],
    by: t.taughtBy,
    when: new Date(t.taughtAt).toISOString().slice(0, 10),
    ...(t.guildId ? { guild: t.guildId } : {}),
  }));
  return [
    '# Wordings moderators taught with /faq-admin teach, exported by `npm run faq -- taught export`.',
    '# Each is a member\'s words ("similar": a message sharing most of its words counts as saying it)',
    '# and the answer they mean. Edit or delete freely; `npm run faq -- taught import` reads them back',
    "# into a bot's database, and the bot reads this folder as it does every mappings file.",
    '',
    rules.length ? stringify(rules, { lineWidth: 0 }) : '[]\n',
  ].join('\n');
}
