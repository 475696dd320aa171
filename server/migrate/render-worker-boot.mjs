// Starts a render thread: worker threads do not inherit tsx's loader, so this
// JavaScript file registers it, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
