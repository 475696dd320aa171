/** The widget configures itself from its own `<script>` tag; read it while the script runs (`currentScript`). */
export function ownScript() {
  const script = document.currentScript as HTMLScriptElement | null;
  return {
    script,
    /** The server's base URL: the script's folder, so a server under a path prefix works. */
    base: new URL('.', script?.src || location.href).href,
    data: script?.dataset ?? {},
  };
}

/** Runs `fn` once the host page's DOM is parsed (an async script may run before). */
export const whenReady = (fn: () => void) => (document.readyState == 'loading' ? addEventListener('DOMContentLoaded', fn, { once: true }) : fn());
