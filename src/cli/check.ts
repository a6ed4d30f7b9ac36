import { checkRequest } from '../check/request.js';
import { MODELS, type ModelEndpoint } from '../sources/models.js';
import { locationOf } from '../sources/registry.js';
import { eachLine, print, UsageError, type Subcommand } from './shared.js';

/**
 * `faq check`: a member's fal request (a cURL command, a fal.subscribe or fal_client call, or JSON
 * with an endpoint id or URL) checked against the model catalog, as "Check fal request" does.
 */
export const check: Subcommand = {
  name: 'check',
  usage: () => [
    'check [--json] (--stdin | "<request>") check a fal request against the endpoint\'s inputs: per line',
    '                                        (a literal \\n is a newline) {"endpoint": id|null,',
    '                                        "problems": [{"field","kind","hint"}]}',
  ],
  options: {
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (!values.stdin && rest.length === 0)
      throw new UsageError('check needs a request (or --stdin)');
    const catalog = await MODELS.open(locationOf(MODELS, ctx.config()));
    const all = catalog.index.entries as readonly ModelEndpoint[];
    const models = { get: (id: string) => catalog.get(id), all };
    const answer = (line: string) => {
      const result = checkRequest(line.replaceAll('\\n', '\n'), models);
      const out = { endpoint: result.endpoint, problems: result.problems };
      if (values.json) return JSON.stringify(out);
      if (out.problems.length === 0) return `${out.endpoint}: no problem found`;
      return [
        `${out.endpoint ?? '(no endpoint)'}:`,
        ...out.problems.map((p) => `  ${p.kind}${p.field ? ` ${p.field}` : ''}: ${p.hint}`),
      ].join('\n');
    };
    if (values.stdin) return eachLine(ctx, answer);
    print(ctx, answer(rest.join(' ')));
    return 0;
  },
};
