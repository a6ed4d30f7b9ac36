import { z } from 'zod';
import { SearchIndex, type Indexed } from '../search/index.js';

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

const inputSchema = z.strictObject({
  name: z.string().min(1),
  required: z.boolean(),
  type: z.string(),
  description: z.string(),
  default: z.string().optional(),
  values: z.array(z.string()).optional(),
});

export const modelEndpointSchema = z.strictObject({
  id: z.string().regex(/^model:[\w.-]+(?:\/[\w.-]+)*$/),
  endpoint: z.string().min(1),
  task: z.string(),
  inputs: z.array(inputSchema),
  outputs: z.array(z.string()),
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
  // and "veo 3.1" meet them.
  return parts
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
