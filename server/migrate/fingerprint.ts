import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * What makes two imports the same: the file's contents (SHA-256) and the
 * options that change what is imported. A run that completed with the same
 * fingerprint has already stored all there is to store from it.
 */
export function importFingerprint(path: string, options: { format: string; site: string; siteOverride: boolean; skipPingbacks: boolean }): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let bytes = readSync(fd, buffer); bytes > 0; bytes = readSync(fd, buffer)) hash.update(buffer.subarray(0, bytes));
  } finally {
    closeSync(fd);
  }
  const { format, site, siteOverride, skipPingbacks } = options;
  return `${hash.digest('hex')} ${JSON.stringify({ format, site: siteOverride || format !== 'json' ? site : '', skipPingbacks })}`;
}
