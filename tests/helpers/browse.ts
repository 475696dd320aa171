/**
 * Follows redirects as a browser would, with a cookie jar per host, until a URL
 * for which `stopAt` returns true (not requested) or a non-redirect answer.
 * Used by HTTP tests to walk through a real provider's sign-in up to Parley's callback.
 */
export async function followRedirects(start: string, stopAt: (url: URL) => boolean, limit = 10): Promise<URL | Response> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(start);
  let method = 'GET';
  for (let step = 0; step < limit; step++) {
    if (stopAt(url)) return url;
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: cookies.size ? { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    jar.set(url.host, cookies);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    url = new URL(location, url);
    method = 'GET';
  }
  throw new Error(`more than ${limit} redirects from ${start}`);
}
