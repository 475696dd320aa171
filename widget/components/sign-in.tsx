import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../context.ts';
import { read } from '../storage.ts';

declare global {
  interface Window {
    /** Set by sign-in.js, loaded from the server the first time a thread offers sign-in. */
    ParleySignIn?: (el: HTMLElement, store: ReturnType<typeof useStore>) => () => void;
  }
}

/**
 * The slot for the sign-in icons and the signed-in bar: one per provider listed by /api/config.
 * Their code (sign-in.js) loads on demand from the server, keeping embed.js small.
 */
export function SignIn() {
  const s = useStore();
  const ref = useRef<HTMLDivElement>(null);
  const on = s.config.value!.providers.length > 0 || !!read('session', '');
  useEffect(() => {
    if (!on) return;
    let stop: (() => void) | undefined;
    let gone = false;
    const start = () => !gone && (stop = window.ParleySignIn!(ref.current!, s));
    if (window.ParleySignIn) start();
    else document.head.append(Object.assign(document.createElement('script'), { src: s.o.base + 'sign-in.js', onload: start }));
    return () => ((gone = true), stop?.());
  }, [on]);
  return on ? <div ref={ref} class="parley-signin" /> : null;
}
