import type { APIEmbed } from 'discord-api-types/v10';
import type { DocsPage } from '../sources/docs.js';
import { modelUrl, type ModelEndpoint, type ModelInput } from '../sources/models.js';
import { DISCORD_LIMITS, truncate } from './limits.js';
import {
  DOCS_BUTTON_LABEL,
  defuseMentions,
  finishCard,
  type CardOptions,
  type MessageBody,
} from './render.js';

/** A docs page: its title linked to the page, its description, where it sits in the docs. */
export function renderDocsCard(
  page: DocsPage,
  options: CardOptions = {},
  anchor?: string,
): MessageBody {
  const url = anchor ? `${page.url}#${anchor}` : page.url;
  const where = page.section.length > 0 ? `\n\n**In the docs:** ${page.section.join(' › ')}` : '';
  const sections =
    page.headings.length > 0
      ? `\n**On this page:** ${page.headings
          .slice(0, 8)
          .map((h) => h.title)
          .join(
            ' · ',
          )}${page.headings.length > 8 ? ` · …and ${page.headings.length - 8} more` : ''}`
      : '';
  const embed: APIEmbed = {
    title: truncate(defuseMentions(page.title), DISCORD_LIMITS.embedTitle),
    url,
    description: truncate(
      defuseMentions(`${page.description || 'A page of the fal docs.'}${where}${sections}`),
      DISCORD_LIMITS.embedDescription,
    ),
  };
  return finishCard({ id: page.id, embed, links: [{ label: DOCS_BUTTON_LABEL, url }] }, options);
}

/** How many optional inputs a model card lists at most, the most useful first. */
const OPTIONAL_SHOWN = 8;
/** Optional inputs people set most: listed before the others. */
const USEFUL = [
  'image_size',
  'aspect_ratio',
  'duration',
  'resolution',
  'num_images',
  'seed',
  'negative_prompt',
  'num_inference_steps',
  'guidance_scale',
  'voice',
  'format',
  'output_format',
];

function inputLine(input: ModelInput): string {
  const type = input.values ? input.values.map((v) => `\`${v}\``).join(' · ') : `\`${input.type}\``;
  const fallback = input.default !== undefined ? `, default \`${input.default}\`` : '';
  const description = input.description ? `: ${truncate(input.description, 110)}` : '';
  return `• \`${input.name}\` (${truncate(type, 140)}${fallback})${description}`;
}

/** A placeholder a member replaces: what the input's type says it takes. */
function placeholder(input: ModelInput): string {
  if (input.values) return JSON.stringify(input.values[0]);
  if (/_urls?$/.test(input.name)) return input.name.endsWith('s') ? '["https://…"]' : '"https://…"';
  if (/^number|^integer/.test(input.type)) return '1';
  if (input.type === 'boolean') return 'true';
  if (input.name === 'prompt') return '"a photo of …"';
  return `"…"`;
}

/**
 * A model endpoint: its id linked to its page, what it does, its required inputs and the most
 * useful optional ones (with defaults and allowed values), a call with @fal-ai/client and with the
 * Python client, and buttons to its page and its API page. Whatever the endpoint, it fits: a
 * long input list shows what fits and says how many more there are.
 */
export function renderModelCard(model: ModelEndpoint, options: CardOptions = {}): MessageBody {
  const required = model.inputs.filter((i) => i.required);
  const optional = model.inputs
    .filter((i) => !i.required)
    .sort((a, b) => rank(a.name) - rank(b.name));
  const args = required.map((i) => `    ${i.name}: ${placeholder(i)},`).join('\n');
  const pyArgs = required
    .map((i) => `"${i.name}": ${placeholder(i).replace('true', 'True')}`)
    .join(', ');
  const code = [
    '```js',
    'import { fal } from "@fal-ai/client";',
    `const result = await fal.subscribe("${model.endpoint}", {`,
    `  input: {${args ? `\n${args}\n  ` : ''}},`,
    '});',
    '```',
    '```python',
    'import fal_client',
    `result = fal_client.subscribe("${model.endpoint}", arguments={${pyArgs}})`,
    '```',
  ].join('\n');
  const head = `**${model.task.replace(/-/g, ' ')}**`;
  // Room for the code and the head first; the input lists get what is left, line by line.
  let room = DISCORD_LIMITS.embedDescription - code.length - head.length - 200;
  const lines: string[] = [];
  const list = (title: string, inputs: ModelInput[], most: number) => {
    if (inputs.length === 0) return;
    const shown: string[] = [];
    for (const input of inputs.slice(0, most)) {
      const line = inputLine(input);
      if (line.length + 1 > room) break;
      shown.push(line);
      room -= line.length + 1;
    }
    const more = inputs.length - shown.length;
    lines.push(`\n**${title}**`, ...shown);
    if (more > 0) lines.push(`…and ${more} more (see the API page)`);
  };
  list('Required inputs', required, required.length);
  list('Optional inputs', optional, OPTIONAL_SHOWN);
  const embed: APIEmbed = {
    title: truncate(model.endpoint, DISCORD_LIMITS.embedTitle),
    url: modelUrl(model.endpoint),
    description: truncate(
      defuseMentions([head, ...lines, '', code].join('\n')),
      DISCORD_LIMITS.embedDescription,
    ),
  };
  return finishCard(
    {
      id: model.id,
      embed,
      links: [
        { label: 'Model page', url: modelUrl(model.endpoint) },
        { label: 'API', url: `${modelUrl(model.endpoint)}/api` },
      ],
    },
    options,
  );
}

const rank = (name: string) => {
  const i = USEFUL.indexOf(name);
  return i === -1 ? USEFUL.length : i;
};
