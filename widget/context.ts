import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ThreadStore } from './store.ts';

/** The mounted thread's store, handed to every component. */
export const StoreContext = createContext<ThreadStore>(null!);

export const useStore = () => useContext(StoreContext);
