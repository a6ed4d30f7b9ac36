import { sourceCommand } from '../src/bot/source-command.js';

/** `/docs topic:<page>`: any page of the fal docs, from its title, description and sections. */
export const docs = sourceCommand({
  name: 'docs',
  description: 'Link a page of the fal docs',
  option: 'topic',
  optionDescription: 'What is it about? Start typing and pick a page',
  catalog: (ctx) => ctx.catalogs.docs,
  nothing: 'No docs page matches',
});
