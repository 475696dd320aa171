/**
 * Opens the sign-in popup and waits for its answer: a message whose origin is
 * exactly the Parley server's and whose source is the popup we opened. Resolves
 * with the session token, `null` when the reader closed the popup, or throws the
 * provider's refusal. Resolves `undefined` at once when the popup was blocked.
 */
export function signInPopup(url: string, serverOrigin: string): Promise<string | null | undefined> {
  const popup = open(url, 'parley-sign-in', 'popup,width=520,height=680');
  if (!popup) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const finish = () => {
      removeEventListener('message', onMessage);
      clearInterval(timer);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== serverOrigin || event.source !== popup) return;
      const data = event.data as { type?: string; token?: unknown; message?: unknown } | null;
      if (data?.type == 'parley:session' && typeof data.token == 'string') {
        finish();
        resolve(data.token);
      }
      if (data?.type == 'parley:auth-error') {
        finish();
        popup.close();
        reject(new Error(String(data.message)));
      }
    };
    // A closed popup ends the wait; the page then shows the icons again.
    const timer = setInterval(() => {
      if (!popup.closed) return;
      finish();
      resolve(null);
    }, 400);
    addEventListener('message', onMessage);
  });
}

/** A random URL-safe secret for the full-page redirect's hand-over. */
export const randomSecret = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))).replace(/[+/=]/g, (c) => (c == '+' ? '-' : c == '/' ? '_' : ''));
