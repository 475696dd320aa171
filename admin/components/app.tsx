import { StoreContext } from '../context.ts';
import { strings } from '../strings.ts';
import type { AdminStore } from '../store.ts';
import { SignIn } from './sign-in.tsx';
import { Workspace } from './workspace.tsx';

/** The sign-in form until a moderator is signed in, then the workspace. */
export function App({ store }: { store: AdminStore }) {
  const who = store.moderator.value;
  return (
    <StoreContext.Provider value={store}>
      {who === undefined ? <p class="loading">{strings.common.loading}</p> : who === null ? <SignIn /> : <Workspace />}
    </StoreContext.Provider>
  );
}
