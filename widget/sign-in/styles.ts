/** Styles of the sign-in row and the signed-in bar, adopted into the thread's shadow root. */
export const css = `
.parley-providers{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0 1em;padding:0;list-style:none}
.parley-provider{inline-size:2.5em;block-size:2.5em;border:0;border-radius:50%;color:#fff;font:700 1em/1 var(--parley-font,system-ui,sans-serif);cursor:pointer}
.parley-provider:focus-visible{outline:3px solid var(--acc);outline-offset:2px}
.parley-account{display:flex;gap:.75em;align-items:center;margin:.5em 0 1em}
.parley-account img{border-radius:50%;inline-size:40px;block-size:40px}
.parley-email-signin{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:0 0 1em}
.parley-account button{background:none;border:0;padding:0;color:var(--acc);font:inherit;text-decoration:underline;cursor:pointer}
`;

export function adoptStyles(el: HTMLElement) {
  const root = el.getRootNode() as ShadowRoot | Document;
  if (!('adoptedStyleSheets' in root) || root.adoptedStyleSheets.some((s) => (s as CSSStyleSheet & { parley?: 1 }).parley)) return;
  const sheet = Object.assign(new CSSStyleSheet(), { parley: 1 });
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
