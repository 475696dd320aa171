import { describe } from 'vitest';
import { skipEngine, type EngineName } from '../helpers/engines.ts';
import { readerScene } from './reader-scene.ts';
import { readingFlows } from './reader-flows-reading.ts';
import { layoutFlows } from './reader-flows-layout.ts';

export { SCREENSHOTS } from './reader-scene.ts';

/**
 * The reader flows of the end-to-end suite, written once and run in one engine (see
 * reader-scene.ts for the server, provider, blog and reader they share): reading, posting and
 * signing in (reader-flows-reading.ts); language, direction and layout (reader-flows-layout.ts).
 */
export function readerFlows(engine: EngineName) {
  describe.skipIf(skipEngine(engine))(`a reader in ${engine}`, () => {
    const scene = readerScene(engine);
    readingFlows(scene);
    layoutFlows(scene);
  });
}
