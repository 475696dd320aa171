/**
 * What changed, announced after each committed write: the thread cache
 * forgets the thread, and live readers (server-sent events) hear of it.
 */
export interface Change {
  type: 'created' | 'edited' | 'deleted' | 'liked' | 'status' | 'reported' | 'thread' | 'settings';
  siteId: string;
  /** The thread's page; '' for a change to the whole site (`settings`). */
  page: string;
  commentId?: number;
  /** The comment's status this change left it in (`created`, `status`): later changes may have moved it on by the time a listener reads it. */
  status?: string;
  /** Announced by another server on the same database (PostgreSQL): work done once per change (webhooks) is that server's. */
  remote?: boolean;
}

export interface ChangeFeed {
  emit(change: Change): void;
  subscribe(listener: (change: Change) => void): () => void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<(change: Change) => void>();
  return {
    emit(change) {
      for (const listener of listeners) listener(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
