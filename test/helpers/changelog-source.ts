import { z } from 'zod';
import { finishCard } from '../../src/cards/render.js';
import { snapshotSource } from '../../src/sources/catalog.js';

/*
 * A throwaway fourth source, as a contributor would add one: a module that exports one Source.
 * Registering it is one line (`[...SOURCES, CHANGELOG]`); nothing else in the tree changes.
 */

interface Note {
  id: string;
  title: string;
  text: string;
  date: string;
}

const noteSchema: z.ZodType<Note> = z.strictObject({
  id: z.string().regex(/^changelog:[\w-]+$/),
  title: z.string().min(1),
  text: z.string(),
  date: z.string(),
});

const url = (note: Note) => `https://fal.ai/changelog#${note.id.slice('changelog:'.length)}`;

export const CHANGELOG = snapshotSource<Note>({
  name: 'changelog',
  prefix: 'changelog:',
  location: { variable: 'CHANGELOG_SNAPSHOT', default: 'test/fixtures/changelog/changelog.json' },
  schema: noteSchema,
  describe: (note) => ({
    id: note.id,
    fields: [
      { text: note.title, weight: 1, evidence: true },
      { text: note.text, weight: 0.5, evidence: false },
    ],
    sortKey: note.date,
  }),
  title: (note) => note.title,
  url,
  card: (note, options) =>
    finishCard(
      {
        id: note.id,
        embed: { title: note.title, url: url(note), description: `${note.date}: ${note.text}` },
        links: [{ label: 'Open the changelog', url: url(note) }],
      },
      options,
    ),
  command: {
    name: 'changelog',
    description: 'A note of the fal changelog',
    option: 'note',
    optionDescription: 'What changed? Start typing and pick a note',
    nothing: 'No changelog note matches',
  },
});
