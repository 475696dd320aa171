import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../context.ts';
import { errorText } from '../format.ts';
import { loadScript } from '../load-script.ts';
import { read } from '../storage.ts';
import type { ApiError } from '../types.ts';

/**
 * The slot for the sign-in icons and the signed-in bar: one per provider listed by /api/config.
 * Their code (sign-in.js) loads on demand from the server, keeping embed.js small.
 */
export function SignIn() {
  const s = useStore();
  const ref = useRef<HTMLDivElement>(null);
  const failed = useSignal<ApiError | null>(null);
  const on = s.config.value!.providers.length > 0 || !!read('session', '');
  useEffect(() => {
    if (!on) return;
    let stop: (() => void) | undefined;
    let gone = false;
    loadScript(s.o.base, 'sign-in.js', 'ParleySignIn').then(
      (start) => {
        if (!gone) stop = start(ref.current!, s);
      },
      (error) => (failed.value = error),
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [on]);
  return on ? (
    <div ref={ref} class="parley-signin">
      {failed.value && (
        <p role="alert" class="parley-error">
          {errorText(s.t, failed.value)}
        </p>
      )}
    </div>
  ) : null;
}
