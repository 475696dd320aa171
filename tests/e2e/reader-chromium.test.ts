import { readerFlows } from './reader-flows.ts';

// The reader flows of tests/e2e/reader-flows.ts, in chromium.
readerFlows('chromium');
