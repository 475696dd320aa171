// Starts a worker thread of the importer: worker threads do not inherit tsx's
// loader, so this JavaScript file registers it, then loads the TypeScript
// module named in workerData.entry (a URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
