import { cardToText } from '../cards/terminal.js';
import { SNOWFLAKE } from '../discord/snowflake.js';
import { FAQ } from '../sources/faq.js';
import {
  ExitError,
  faqDir,
  openSource,
  print,
  sourceNamed,
  UsageError,
  type Subcommand,
} from './shared.js';

/** `faq card <id>`: the message the bot sends for a document of any source. */
export const card: Subcommand = {
  name: 'card',
  usage: (sources) => [
    `card <id> [--json] [--mention USER_ID] [--private] [--source ${sources.map((s) => s.name).join('|')}]`,
    '                                        the message the bot sends for an entry, page or model',
  ],
  options: {
    json: { type: 'boolean', default: false },
    mention: { type: 'string' },
    private: { type: 'boolean', default: false },
    source: { type: 'string' },
  },
  async run(values, [id], ctx) {
    if (!id) throw new UsageError('card needs an entry id');
    const mention = values.mention as string | undefined;
    if (mention !== undefined && !SNOWFLAKE.test(mention))
      throw new UsageError('--mention takes a Discord user id (17 to 20 digits)');
    const source = sourceNamed(ctx, values.source as string | undefined);
    const collection = await openSource(ctx, source, values);
    // A prefixed source's id may be given without its prefix (`fal-ai/flux/dev`).
    const document = collection.get(id) ?? collection.get(`${source.prefix}${id}`);
    if (!document) {
      const near = collection.index.search(id, 3).map((h) => h.entry.id);
      const where =
        source === FAQ ? `entry "${id}" in ${faqDir(values, ctx)}` : `${source.name} entry "${id}"`;
      throw new ExitError(
        1,
        `No ${where}.${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`,
      );
    }
    const body = source.card(document, {
      mentionUserId: mention,
      ephemeral: values.private === true,
      feedback: ctx.config().FEEDBACK_BUTTONS,
    });
    print(ctx, values.json ? JSON.stringify(body) : cardToText(body));
    return 0;
  },
};
