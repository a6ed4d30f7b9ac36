import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/ranking/reading.js';

describe('readMessage', () => {
  it('given statuses quoted from errors, then each is read; given amounts, sizes and counts, then none is', () => {
    expect(readMessage('Failed to submit request to fal queue: 403').statuses).toEqual([403]);
    expect(readMessage('returns HTTP 401 {"detail": "No user found"}').statuses).toEqual([401]);
    expect(readMessage("Client error '401 Unauthorized' for url").statuses).toEqual([401]);
    expect(readMessage('405 Method Not Allowed (sometimes 422).').statuses).toEqual([405, 422]);
    expect(readMessage('when the runner crashes I get a 503 back').statuses).toEqual([503]);
    for (const text of [
      'we need ~500 jobs running at once',
      'spend went from $500 to $15k',
      'requested 4096x4096, got 1536x1536',
      'charged $40,500 for 10,272s',
      'the 80-second video ran 500 times',
    ])
      expect(readMessage(text).statuses, text).toEqual([]);
  });

  it('given endpoints written out, in fal.run and model page links, then each path is read and taken out of the words', () => {
    const reading = readMessage(
      'POST to https://queue.fal.run/fal-ai/veo3 works, fal-ai/flux/dev too; see https://fal.ai/models/fal-ai/kolors/image-to-image',
    );
    expect(reading.paths).toEqual([
      'fal-ai/veo3',
      'fal-ai/kolors/image-to-image',
      'fal-ai/flux/dev',
    ]);
    expect(reading.prose).not.toMatch(/veo3|flux|kolors/);
  });

  it('given an npm scope or a file path, then it is not an endpoint', () => {
    const reading = readMessage(
      'install @fal-ai/client and open src/app/page.tsx or lora.safetensors',
    );
    expect(reading.paths).toEqual([]);
  });

  it('given a docs link, then the page path is read', () => {
    expect(
      readMessage('see https://fal.ai/docs/documentation/model-apis/inference/queue.').docsPaths,
    ).toEqual(['documentation/model-apis/inference/queue']);
  });

  it('given a message mostly in another script, then it is foreign; given English with a name or emoji, then it is not', () => {
    expect(readMessage('fal.ai API key，这个是付费的吗？求解答').foreign).toBe(true);
    expect(readMessage('my credits expired 😭 Müller here').foreign).toBe(false);
  });

  it('given a message of any length, then only its first 4000 characters are read', () => {
    const reading = readMessage(`${'a '.repeat(5000)} fal-ai/flux/dev HTTP 401`);
    expect(reading.paths).toEqual([]);
    expect(reading.statuses).toEqual([]);
  });
});
