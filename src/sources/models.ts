import type { APIEmbed } from 'discord-api-types/v10';
import { z } from 'zod';
import { defuseMentions, finishCard, type CardOptions, type MessageBody } from '../cards/render.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { SearchIndex, type Indexed } from '../search/index.js';
import { snapshotSource } from './catalog.js';

/** One input of a model endpoint, from its TypeScript type in @fal-ai/client. */
export interface ModelInput {
  name: string;
  required: boolean;
  /** The TypeScript type as written, shortened (`string`, `number`, `ImageSize | …`). */
  type: string;
  description: string;
  /** From the JSDoc's "Default value: `…`". */
  default?: string;
  /** A string-literal union's allowed values. */
  values?: string[];
}

/** One fal model endpoint (`fal-ai/flux/dev`). */
export interface ModelEndpoint {
  /** `model:<endpoint id>`. */
  id: string;
  endpoint: string;
  /** What it does, from its id and its input and output types: `text-to-image`, `image-to-video`, … */
  task: string;
  inputs: ModelInput[];
  /** The output's fields. */
  outputs: string[];
}

/** Every field bounded, far above what @fal-ai/client's endpoints have (54 inputs, 197 values at most). */
const inputSchema = z.strictObject({
  name: z.string().min(1).max(200),
  required: z.boolean(),
  type: z.string().max(4000),
  description: z.string().max(4000),
  default: z.string().max(2000).optional(),
  values: z.array(z.string().max(500)).max(2000).optional(),
});

export const modelEndpointSchema: z.ZodType<ModelEndpoint> = z.strictObject({
  id: z.string().regex(/^model:[\w.-]+(?:\/[\w.-]+)*$/),
  endpoint: z.string().min(1).max(200),
  task: z.string().max(100),
  inputs: z.array(inputSchema).max(300),
  outputs: z.array(z.string().max(200)).max(300),
});

export const MODEL_PAGE = 'https://fal.ai/models/';
export const modelUrl = (endpoint: string) => `${MODEL_PAGE}${endpoint}`;

/** What people type for a task: "t2v" is text-to-video, "i2v" image-to-video, and so on. */
const TASK_ABBREVIATIONS: Record<string, string> = {
  'text-to-image': 't2i',
  'image-to-image': 'i2i',
  'text-to-video': 't2v',
  'image-to-video': 'i2v',
  'video-to-video': 'v2v',
  'text-to-speech': 'tts',
  'speech-to-text': 'stt asr',
  'image-to-3d': '3d',
  'text-to-audio': 't2a',
};

/**
 * The id's words as people say them: `fal-ai/kling-video/v2.1/pro/image-to-video` is also
 * "kling 2.1 pro"; the owner prefix `fal-ai` says nothing.
 */
function idWords(endpoint: string): string {
  const [, ...rest] = endpoint.split('/');
  const parts = (rest.length > 0 ? rest : [endpoint]).join(' ');
  // "v2.1" → "v2.1 2.1" and "veo3.1" → "veo3.1 veo 3.1", so that "kling 2.1", "kling v2.1"
  // and "veo 3.1" meet them; a name's two-digit version is its dotted one too ("wan-25" is
  // Wan 2.5, "gemini-25-flash" Gemini 2.5 Flash), unless it starts with 0 ("hailuo-02").
  return parts
    .replace(/(?<=[a-z]-)([1-9])(\d)(?![\w.])/gi, '$1$2 $1.$2')
    .replace(/\bv(\d+(?:\.\d+)*)\b/gi, 'v$1 $1')
    .replace(/\b([a-z]+)(\d+(?:\.\d+)*)\b/gi, (word, name: string, version: string) =>
      name.toLowerCase() === 'v' ? word : `${word} ${name} ${version}`,
    );
}

export function describeModel(model: ModelEndpoint): Indexed {
  return {
    id: model.id,
    fields: [
      { text: idWords(model.endpoint), weight: 1, evidence: true },
      {
        text: `${model.task} ${TASK_ABBREVIATIONS[model.task] ?? ''}`,
        weight: 0.6,
        evidence: true,
      },
      { text: model.inputs.map((i) => i.name).join(' '), weight: 0.2, evidence: false },
    ],
    // At equal score the shorter id first: "flux dev" means fal-ai/flux/dev before its variants.
    sortKey: `${String(idWords(model.endpoint).split(/[^\p{L}\p{N}]+/u).length).padStart(3, '0')} ${model.endpoint}`,
  };
}

export class ModelIndex extends SearchIndex<ModelEndpoint> {
  constructor(models: readonly ModelEndpoint[]) {
    super(models, describeModel);
  }
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

/** `/model endpoint:<id>`: one of fal's model endpoints, its inputs and how to call it. */
export const MODELS = snapshotSource<ModelEndpoint>({
  name: 'models',
  prefix: 'model:',
  location: { variable: 'MODELS_SNAPSHOT', default: 'snapshots/models.json' },
  schema: modelEndpointSchema,
  index: (models) => new ModelIndex(models),
  describe: describeModel,
  title: (model) => model.endpoint,
  url: (model) => modelUrl(model.endpoint),
  card: (model, options) => renderModelCard(model, options),
  command: {
    name: 'model',
    description: 'A fal model endpoint: what it does, its inputs, how to call it',
    option: 'endpoint',
    optionDescription: 'A model ("flux dev", "veo3 i2v") or a task ("remove background video")',
    nothing: 'No model endpoint matches',
  },
});
