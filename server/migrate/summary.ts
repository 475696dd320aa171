import type { CommentStatus } from '../db/types.ts';

/** What an import did, for the closing summary (and kept with the run in the `imports` table). */
export interface ImportSummary {
  source: string;
  file: string;
  site: string;
  /**
   * Threads the file's comments go to (`withComments`), plus closed posts
   * without comments, kept so they stay closed (`used` counts both); `created`: how many were new.
   */
  threads: { used: number; withComments: number; created: number };
  comments: {
    /** Comments found in the file (before skipping). */
    inFile: number;
    imported: Record<CommentStatus, number>;
    pingbacks: number;
    alreadyImported: number;
  };
  skipped: SkipCount[];
  /** Replies deeper than MAX_DEPTH, stored at the last level under their parent's parent. */
  flattened: number;
  /** Replies whose parent is not in the file (or was deleted since an earlier import), stored at the top level. */
  orphans: number;
  seconds: number;
  /** Set when the very same file, with the same options, was imported before: nothing was read again. */
  sameAs?: { run: number; finishedAt: number };
}

export interface SkipCount {
  reason: string;
  count: number;
  /** The first few lines in the file where it happened. */
  lines: number[];
}

export function emptySummary(source: string, file: string, site: string): ImportSummary {
  return {
    source,
    file,
    site,
    threads: { used: 0, withComments: 0, created: 0 },
    comments: { inFile: 0, imported: { approved: 0, pending: 0, spam: 0, trash: 0, deleted: 0 }, pingbacks: 0, alreadyImported: 0 },
    skipped: [],
    flattened: 0,
    orphans: 0,
    seconds: 0,
  };
}

export function addSkip(summary: ImportSummary, reason: string, line: number): void {
  let entry = summary.skipped.find((s) => s.reason === reason);
  if (!entry) {
    entry = { reason, count: 0, lines: [] };
    summary.skipped.push(entry);
  }
  entry.count++;
  if (entry.lines.length < 5 && line > 0) entry.lines.push(line);
}

const n = (value: number) => value.toLocaleString('en');

/** The summary as a person reads it at the end of `npm run import`. */
export function formatSummary(s: ImportSummary, maxDepth: number): string {
  const imported = Object.values(s.comments.imported).reduce((a, b) => a + b, 0);
  const statuses = Object.entries(s.comments.imported)
    .map(([status, count]) => `${status} ${n(count)}`)
    .join(', ');
  const skipped = s.skipped.reduce((a, b) => a + b.count, 0);
  const lines = [
    `Imported ${s.source} file ${s.file} into site "${s.site}" in ${s.seconds.toFixed(1)} s`,
    `  threads:  ${n(s.threads.used)} (${n(s.threads.withComments)} with comments, ${n(s.threads.used - s.threads.withComments)} closed posts without comments kept closed; ${n(s.threads.created)} new)`,
    `  comments: ${n(s.comments.inFile)} in the file; ${n(imported)} imported (${statuses}; ${n(s.comments.pingbacks)} of them pingbacks or trackbacks), ${n(s.comments.alreadyImported)} already imported`,
    `  skipped:  ${n(skipped)}`,
    ...s.skipped.map((k) => `    ${n(k.count)} × ${k.reason}${k.lines.length ? ` (line ${k.lines.join(', ')}${k.count > k.lines.length ? ', …' : ''})` : ''}`),
  ];
  if (s.sameAs) {
    lines.push(`  the same file, with the same options, was imported by run ${s.sameAs.run} (${new Date(s.sameAs.finishedAt).toISOString()}): nothing new`);
  }
  if (s.flattened)
    lines.push(`  ${n(s.flattened)} replies deeper than MAX_DEPTH (${maxDepth}) were placed at depth ${maxDepth}; exports keep their real parent`);
  if (s.orphans) lines.push(`  ${n(s.orphans)} replies whose parent is missing were placed at the top level`);
  return lines.join('\n');
}
