import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminStore } from './store.ts';

export const StoreContext = createContext<AdminStore | null>(null);

export function useStore(): AdminStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('[parley] the admin store is missing');
  return store;
}
