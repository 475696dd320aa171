import { describe, expect, test } from 'vitest';
import { formChecks } from './form-checks.ts';

describe('formChecks', () => {
  test('a filled honeypot is spam, whatever the time', () => {
    expect(formChecks({ hp: 'x', elapsed: 60_000 }, 3000)).toEqual({ status: 'spam', reason: 'the hidden honeypot field was filled in' });
  });
  test('too fast is held; fast enough, unknown or switched off passes', () => {
    expect(formChecks({ hp: '', elapsed: 1500 }, 3000)).toEqual({ status: 'pending', reason: 'sent 1.5 s after the form loaded (minimum 3 s)' });
    expect(formChecks({ hp: '', elapsed: 3000 }, 3000)).toBeNull();
    expect(formChecks({}, 3000)).toBeNull();
    expect(formChecks({ elapsed: 10 }, 0)).toBeNull();
  });
});
