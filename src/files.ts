import { open, type FileHandle } from 'node:fs/promises';

/** The handle's text, or undefined when it is longer than `maxBytes`: never reads more than one byte past it. */
async function readBounded(handle: FileHandle, maxBytes: number): Promise<string | undefined> {
  const buffer = Buffer.alloc(maxBytes + 1);
  let length = 0;
  while (length < buffer.length) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return length > maxBytes ? undefined : buffer.toString('utf8', 0, length);
}

/**
 * The file's text, or undefined when it is longer than `maxBytes`. Never reads more than that
 * (plus one byte to tell): a symlink to /dev/zero or a huge file costs nothing.
 */
export async function readAtMost(file: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    return await readBounded(handle, maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * A regular file's text, refused (thrown, saying why) when it is not a regular file (a link to
 * /dev/zero) or is over `maxBytes`, before more than that is read.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > maxBytes) throw new Error(`${info.size} bytes; at most ${maxBytes}`);
    // It may have grown since: still never read whole.
    const text = await readBounded(handle, maxBytes);
    if (text === undefined) throw new Error(`over ${maxBytes} bytes`);
    return text;
  } finally {
    await handle.close();
  }
}
