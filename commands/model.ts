import { sourceCommand } from '../src/bot/source-command.js';

/** `/model endpoint:<id>`: one of fal's model endpoints, its inputs and how to call it. */
export const model = sourceCommand({
  name: 'model',
  description: 'A fal model endpoint: what it does, its inputs, how to call it',
  option: 'endpoint',
  optionDescription: 'A model ("flux dev", "veo3 i2v") or a task ("remove background video")',
  catalog: (ctx) => ctx.catalogs.models,
  nothing: 'No model endpoint matches',
});
