/**
 * A one-line progress report on standard error, redrawn at most ten times a
 * second — only when standard error is a terminal, so logs and pipes stay clean.
 */
export function createProgressLine(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(text: () => string): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text()}`);
    },
    done(): void {
      if (enabled && shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** `[#########-----------]  45%` */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}
