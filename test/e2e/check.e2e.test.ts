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

  it('given everything the bot sent, then every body validates against discord-openapi.json', () => {
    expect(schemaViolations(h.emulator.requests.filter((r) => r.status < 400))).toEqual([]);
  });
});
