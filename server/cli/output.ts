import { chmodSync, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams text to standard output, or to a file: written beside it first and
 * renamed into place once complete, so a failed export never leaves half a file.
 * The file is private (0600): exports hold readers' emails and IP addresses.
 */
export async function writeOut(chunks: AsyncIterable<string>, out: string | undefined): Promise<void> {
  if (!out) {
    try {
      return await pipeline(Readable.from(chunks), process.stdout, { end: false });
    } catch (error) {
      // The reader went away (`… | head`): not a failure of the export.
      if ((error as { code?: string }).code === 'EPIPE') return;
      throw error;
    }
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial, { mode: 0o600 }));
    // Also when `.partial` was there before (its mode then stays as it was).
    chmodSync(partial, 0o600);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
