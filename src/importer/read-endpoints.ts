import ts from 'typescript';
import type { ModelEndpoint, ModelInput } from '../sources/models.js';

/**
 * The model catalog from @fal-ai/client's `endpoints.d.ts`, read with the TypeScript compiler API:
 * `EndpointTypeMap` maps each endpoint id to its input and output types, whose properties (with
 * their JSDoc and `?`) are the endpoint's parameters. Aliases (`type A = B`) and intersections are
 * followed. Development-time only: the bot loads the snapshot this produces, not TypeScript.
 */
export function readEndpoints(source: string, fileName = 'endpoints.d.ts'): ModelEndpoint[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const types = new Map<string, ts.TypeNode>();
  for (const statement of file.statements)
    if (ts.isTypeAliasDeclaration(statement)) types.set(statement.name.text, statement.type);
  const map = types.get('EndpointTypeMap');
  if (!map || !ts.isTypeLiteralNode(map))
    throw new Error(`${fileName}: no EndpointTypeMap type literal`);
  const members = (
    node: ts.TypeNode | undefined,
    seen = new Set<string>(),
  ): ts.PropertySignature[] => {
    if (!node) return [];
    if (ts.isTypeLiteralNode(node)) return node.members.filter(ts.isPropertySignature);
    if (ts.isIntersectionTypeNode(node)) return node.types.flatMap((t) => members(t, seen));
    if (ts.isParenthesizedTypeNode(node)) return members(node.type, seen);
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      if (seen.has(name)) return [];
      seen.add(name);
      return members(types.get(name), seen);
    }
    return [];
  };
  const endpoints: ModelEndpoint[] = [];
  for (const entry of map.members) {
    if (!ts.isPropertySignature(entry) || !entry.type || !ts.isTypeLiteralNode(entry.type))
      continue;
    const endpoint = propertyName(entry.name);
    if (!endpoint) continue;
    const part = (name: string) =>
      entry.type && ts.isTypeLiteralNode(entry.type)
        ? entry.type.members
            .filter(ts.isPropertySignature)
            .find((m) => propertyName(m.name) === name)?.type
        : undefined;
    const inputs = members(part('input')).map((m) => inputOf(m, file));
    const outputs = members(part('output'))
      .map((m) => propertyName(m.name) ?? '')
      .filter(Boolean);
    endpoints.push({
      id: `model:${endpoint}`,
      endpoint,
      task: taskOf(endpoint, inputs, outputs),
      inputs,
      outputs,
    });
  }
  return endpoints.sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** At most this much of a description is kept: the card shows a line of each input. */
const DESCRIPTION_CHARS = 160;

function inputOf(member: ts.PropertySignature, file: ts.SourceFile): ModelInput {
  const name = propertyName(member.name) ?? '';
  const doc = ts
    .getJSDocCommentsAndTags(member)
    .filter(ts.isJSDoc)
    .map((d) =>
      typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? ''),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const defaultMatch = /Default value:\s*`([^`]*)`/.exec(doc);
  const description = doc.replace(/\s*Default value:\s*`[^`]*`\s*/g, ' ').trim();
  const values =
    member.type && ts.isUnionTypeNode(member.type)
      ? member.type.types.flatMap((t) =>
          ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
        )
      : [];
  const type = (member.type?.getText(file) ?? 'unknown').replace(/\s+/g, ' ');
  return {
    name,
    required: !member.questionToken,
    type: type.length > 60 ? `${type.slice(0, 59)}…` : type,
    description:
      description.length > DESCRIPTION_CHARS
        ? `${description.slice(0, DESCRIPTION_CHARS - 1)}…`
        : description,
    ...(defaultMatch ? { default: defaultMatch[1] } : {}),
    ...(values.length > 1 ? { values } : {}),
  };
}

const TASK_IN_ID = /(?:^|\/)([a-z0-9]+-to-[a-z0-9]+)(?:\/|$)/;

/** What an endpoint does: said in its id when it is (`…/image-to-video`), else read off its types. */
function taskOf(endpoint: string, inputs: ModelInput[], outputs: string[]): string {
  const named = TASK_IN_ID.exec(endpoint.toLowerCase())?.[1];
  if (named) return named;
  const has = (names: string[], pattern: RegExp) => names.some((n) => pattern.test(n));
  const inputNames = inputs.map((i) => i.name);
  const from = has(inputNames, /^video_url/)
    ? 'video'
    : has(inputNames, /^image_urls?$|_image_url$|^image$/)
      ? 'image'
      : has(inputNames, /^audio_url/)
        ? 'audio'
        : 'text';
  const to = has(outputs, /^video/)
    ? 'video'
    : has(outputs, /^images?$/)
      ? 'image'
      : has(outputs, /^audio/)
        ? 'audio'
        : has(outputs, /mesh|glb|model_/)
          ? '3d'
          : 'text';
  return `${from}-to-${to}`;
}
