import { basename } from 'node:path';
import type { ImportRepo, RunState } from '../db/types.ts';
import type { Reader, SourceComment, SourceThread } from './records.ts';
import { createBatchWriter, threadTarget, type BatchWriter } from './batch-writer.ts';
import { createRenderer } from './renderer.ts';
import { importFingerprint } from './fingerprint.ts';
import { addSkip, emptySummary, type ImportSummary } from './summary.ts';

/** The readers, loaded when used (the JSON one brings its schema library, the XML ones their parser). */
export const FORMATS = {
  wordpress: async () => (await import('./wxr-reader.ts')).readWordPress,
  disqus: async () => (await import('./disqus-reader.ts')).readDisqus,
  json: async () => (await import('./json-reader.ts')).readParleyJson,
} satisfies Record<string, () => Promise<Reader>>;
export type ImportFormat = keyof typeof FORMATS;

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  comments: number;
}

export interface ImportOptions {
  format: ImportFormat;
  file: string;
  /** The site threads go to (a Parley export names its own sites, unless siteOverride). */
  site: string;
  siteOverride: boolean;
  skipPingbacks: boolean;
  maxDepth: number;
  /** The server's secret, for avatar keys that match the ones the server makes. */
  secret: string;
  clock: () => number;
  batchSize?: number;
  commitSize?: number;
  /** Stops the import (Ctrl-C): what it wrote is taken back, as for a malformed file. */
  signal?: AbortSignal;
  /** Render bodies on a worker thread while this one reads and writes (for large files). */
  threaded?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

type Verdict = { skip: string } | { thread: SourceThread } | 'thread-not-seen-yet';

function classify(comment: SourceComment, threads: ReadonlyMap<string, SourceThread>, options: ImportOptions): Verdict {
  const thread = threads.get(comment.threadRef);
  if (!thread) return 'thread-not-seen-yet';
  if (thread.unusable) return { skip: thread.unusable };
  if (options.skipPingbacks && comment.kind !== 'comment') return { skip: 'pingback or trackback (--skip-pingbacks)' };
  return { thread };
}

const missingThread = (comment: SourceComment) => `its thread (${comment.threadRef}) is not in the file`;

/**
 * Imports a WordPress, Disqus or Parley export in one streaming pass, writing
 * batched transactions as it reads. A file found malformed part-way (its line,
 * column and reason in an ImportFileError), or any other failure, takes back
 * everything the run wrote, so nothing of a refused file stays. Comments
 * already imported (the source's own ids) are counted, not written again.
 */
export async function importFile(repo: ImportRepo, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const summary = emptySummary(options.format, basename(options.file), options.site);
  const fingerprint = importFingerprint(options.file, options);
  const same = await repo.sameImport(fingerprint);
  if (same) return sameAsBefore(summary, same, started);
  const run = await repo.startRun({
    site: options.site,
    source: options.format,
    file: summary.file,
    fingerprint,
    now: options.clock(),
    maxDepth: options.maxDepth,
  });
  const renderer = await createRenderer({ threads: options.threaded ? 1 : 0 });
  try {
    await readAndWrite(
      repo,
      run,
      options,
      summary,
      createBatchWriter(repo, run, renderer, { ...options, batchSize: options.batchSize ?? 2000, commitSize: options.commitSize ?? 10_000 }, summary),
    );
    summary.threads.created = run.createdThreads.size;
    summary.seconds = (performance.now() - started) / 1000;
    await repo.finishRun(run, 'done', summary, options.clock());
    return summary;
  } catch (error) {
    await repo.discardRun(run);
    await repo.finishRun(run, 'failed', { error: String(error) }, options.clock());
    throw error;
  } finally {
    await renderer.close();
  }
}

/** The summary of an import done before, file for file: nothing is read or written again. */
function sameAsBefore(summary: ImportSummary, same: { id: number; finishedAt: number; summary: string }, started: number): ImportSummary {
  const before = JSON.parse(same.summary) as ImportSummary;
  const imported = Object.values(before.comments.imported).reduce((a, b) => a + b, 0);
  return {
    ...summary,
    threads: { ...before.threads, created: 0 },
    comments: { ...summary.comments, inFile: before.comments.inFile, alreadyImported: imported + before.comments.alreadyImported },
    skipped: before.skipped,
    sameAs: { run: same.id, finishedAt: same.finishedAt },
    seconds: (performance.now() - started) / 1000,
  };
}

async function readAndWrite(repo: ImportRepo, run: RunState, options: ImportOptions, summary: ImportSummary, writer: BatchWriter) {
  const threads = new Map<string, SourceThread>();
  const used = new Set<string>();
  const withComments = new Set<string>();
  const later: SourceComment[] = [];
  const take = async (comment: SourceComment, verdict: Exclude<Verdict, 'thread-not-seen-yet'>) => {
    if ('skip' in verdict) return addSkip(summary, verdict.skip, comment.line);
    used.add(comment.threadRef);
    withComments.add(comment.threadRef);
    await writer.add(comment, threadTarget(verdict.thread, options));
  };
  let comments = 0;
  const onProgress = (bytesRead: number, totalBytes: number) => options.onProgress?.({ bytesRead, totalBytes, comments });
  const reader = (await FORMATS[options.format]())(options.file, { onProgress });
  for (const record of reader) {
    options.signal?.throwIfAborted();
    if (record.type === 'skip') addSkip(summary, record.reason, record.line);
    else if (record.type === 'site') {
      if (!options.siteOverride) await repo.ensureSite(run, record.id, record.settings, record.createdAt ?? options.clock());
    } else if (record.type === 'thread') {
      threads.set(record.ref, record);
      if (record.keep && !record.unusable) {
        used.add(record.ref);
        writer.keepThread(threadTarget(record, options));
      }
    } else {
      summary.comments.inFile = ++comments;
      const verdict = classify(record, threads, options);
      if (verdict === 'thread-not-seen-yet') later.push(record);
      else await take(record, verdict);
    }
  }
  for (const comment of later) {
    const verdict = classify(comment, threads, options);
    if (verdict === 'thread-not-seen-yet') addSkip(summary, missingThread(comment), comment.line);
    else await take(comment, verdict);
  }
  await writer.finish();
  summary.threads.used = used.size;
  summary.threads.withComments = withComments.size;
}
