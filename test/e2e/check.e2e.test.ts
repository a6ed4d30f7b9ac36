import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/emulator/state.js';
import { replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { schemaViolations } from '../helpers/openapi.js';

let h: TestBot;
let member: Member;
let asker: Member;
beforeAll(async () => {
  h = await startTestBot();
  member = h.emulator.createMember({ username: 'helper' });
  asker = h.emulator.createMember({ username: 'asker' });
});
afterAll(async () => h?.close());

const checkOn = async (text: string) =>
  replyOf(
    await h.as(member).useOn(h.emulator.state.memberMessage(asker, text), 'Check fal request'),
  );

describe('Check fal request (message menu)', () => {
  it('given a pasted fal.subscribe call with a wrong endpoint id and a wrong field, then the private reply names each problem and gives the corrected call in JavaScript', async () => {
    const reply = await checkOn(
      'why does this fail?\n```js\nconst r = await fal.subscribe("fal-ai/flux-dev", {\n  input: { prompt: "a cat", imageSize: "square_hd" },\n});\n```',
    );
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain('Checked against `fal-ai/flux/dev`: 2 problem(s).');
    expect(reply.content).toContain('did you mean fal-ai/flux/dev?');
    expect(reply.content).toContain('• `imageSize` (unknown-field)');
    expect(reply.content).toContain(
      '```js\nconst result = await fal.subscribe("fal-ai/flux/dev", {',
    );
    expect(reply.content).toContain('"image_size": "square_hd"');
    expect(reply.content.length).toBeLessThanOrEqual(2000);
  });

  it('given a valid cURL request, then it says no problem was found', async () => {
    const reply = await checkOn(
      `curl -X POST https://fal.run/fal-ai/flux/dev -H "Authorization: Key $FAL_KEY" -d '{"prompt": "a cat"}'`,
    );
    expect(reply.content).toBe("No problem found: the request fits `fal-ai/flux/dev`'s inputs.");
  });

  it('given a message with no request in it, then it says it could not tell the endpoint', async () => {
    expect((await checkOn('hello, anyone around?')).content).toContain(
      'Could not tell the endpoint',
    );
  });
});

describe('/model check', () => {
  const model = async (values: Record<string, unknown>) =>
    replyOf(await h.as(member).run('model', values));

  it('given a request pasted into check, then the private reply names each problem and gives the corrected request in its language', async () => {
    const reply = await model({
      check: `fal_client.subscribe("fal-ai/flux/dev", arguments={"prompt": "a cat", "num_images": "2"})`,
    });
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain('Checked against `fal-ai/flux/dev`: 1 problem(s).');
    expect(reply.content).toContain('• `num_images` (wrong-type)');
    expect(reply.content).toContain('```python\nresult = fal_client.subscribe("fal-ai/flux/dev"');
    expect(reply.content).toContain('"num_images": 2');
  });

  it('given bare JSON in check and the endpoint picked, then it is checked against that endpoint', async () => {
    const reply = await model({ endpoint: 'model:fal-ai/flux/dev', check: '{"promt": "a cat"}' });
    expect(reply.content).toContain('Checked against `fal-ai/flux/dev`');
    expect(reply.content).toContain('• `promt` (unknown-field)');
    expect(reply.content).toContain('• `prompt` (missing-required)');
  });

  it('given the endpoint alone, then its card is posted as before; given neither, then it says what to give', async () => {
    const card = await model({ endpoint: 'model:fal-ai/flux/dev' });
    expect(card.flags ?? 0).toBe(0);
    expect(JSON.stringify(card.embeds)).toContain('fal-ai/flux/dev');
    const neither = await model({});
    expect(neither.flags).toBe(MessageFlags.Ephemeral);
    expect(neither.content).toContain('paste a fal request into `check`');
  });
});

describe('every payload', () => {
  it('given everything the bot sent, then every body validates against discord-openapi.json', () => {
    expect(schemaViolations(h.emulator.requests.filter((r) => r.status < 400))).toEqual([]);
  });
});
