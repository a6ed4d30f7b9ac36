import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RecordedRequest } from '../../src/emulator/emulator.js';

/** Discord's OpenAPI description (MIT, discord/discord-api-spec), committed so every clone checks. */
export const OPENAPI_PATH = path.resolve(import.meta.dirname, '../fixtures/discord-openapi.json');

type Validator = ((data: unknown) => boolean) & { errors?: unknown };

interface Operation {
  pattern: RegExp;
  method: string;
  schema: unknown;
  validate?: Validator;
}

let ajv: Ajv2020;

/** The spec has a few `enum: []` (nothing allowed), which ajv refuses to compile; say it as `not: {}`. */
function fixEmptyEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixEmptyEnums);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' && Array.isArray(value) && value.length === 0) out.not = {};
    else out[key] = fixEmptyEnums(value);
  }
  return out;
}

let operations: Operation[] | undefined;

function load(): Operation[] {
  if (operations) return operations;
  const doc = fixEmptyEnums(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>
    >;
  };
  ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'discord');
  operations = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const [method, op] of Object.entries(methods)) {
      const schema = op?.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const pointer = JSON.stringify(schema).replace(/"#\/components/g, '"discord#/components');
      operations.push({ pattern, method: method.toUpperCase(), schema: JSON.parse(pointer) });
    }
  }
  return operations;
}

/** Every recorded request body checked against its operation's schema; returns what failed. */
export function schemaViolations(
  requests: RecordedRequest[],
): { request: string; errors: unknown }[] {
  const ops = load();
  const failures: { request: string; errors: unknown }[] = [];
  for (const r of requests) {
    if (r.body === undefined) continue;
    const op = ops.find((o) => o.method === r.method && o.pattern.test(r.path));
    if (!op) {
      failures.push({ request: `${r.method} ${r.path}`, errors: 'no operation in the spec' });
      continue;
    }
    op.validate ??= ajv.compile(op.schema as object) as Validator;
    if (!op.validate(r.body))
      failures.push({ request: `${r.method} ${r.path}`, errors: op.validate.errors });
  }
  return failures;
}
