import type { Decision } from './decide.ts';

/** What the widget's form sends besides the comment: the honeypot's value and the time since the form loaded. */
export interface FormSignals {
  /** The hidden honeypot field; people leave it empty, form-filling robots do not. */
  hp?: string;
  /** Milliseconds between the form loading and its submission; absent from older widgets. */
  elapsed?: number;
}

/**
 * The form-level spam checks: a filled honeypot is spam; a comment sent
 * faster than a person can type one is held. Missing signals (an old widget,
 * an API client) block nothing.
 */
export function formChecks(form: FormSignals, minFillMs: number): Decision | null {
  if (form.hp) return { status: 'spam', reason: 'the hidden honeypot field was filled in' };
  if (minFillMs > 0 && form.elapsed !== undefined && form.elapsed < minFillMs) {
    const seconds = (form.elapsed / 1000).toFixed(1);
    return { status: 'pending', reason: `sent ${seconds} s after the form loaded (minimum ${minFillMs / 1000} s)` };
  }
  return null;
}
