import { describe, expect, test } from 'vitest';
import { DECOY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  test('scrypt with a fresh salt each time; only the right password verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$15$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse ', a)).toBe(false);
    expect(await verifyPassword('correct horse', DECOY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$nonsense')).toBe(false);
  });

  test('new passwords need at least 10 characters', () => {
    expect(passwordProblem('short')).toBe('must be at least 10 characters long');
    expect(passwordProblem('long enough')).toBeNull();
  });
});
