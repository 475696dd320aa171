import { describe, expect, test } from 'vitest';
import { loadConfig } from '../config.ts';
import { loadMailConfig, parseMailFrom } from './mail-config.ts';

describe('mail settings', () => {
  test('none set: no mail', () => {
    expect(loadMailConfig({})).toBeNull();
    expect(loadConfig({}).mail).toBeNull();
  });

  test('smtp:// and smtps:// with credentials, ports defaulting to 587 and 465', () => {
    const plain = loadMailConfig({ SMTP_URL: 'smtp://user%40x:p%3Ass@mail.example.com', MAIL_FROM: 'comments@example.com' })!;
    expect(plain.smtp).toEqual({ host: 'mail.example.com', port: 587, secure: false, auth: { user: 'user@x', pass: 'p:ss' } });
    expect(plain.from).toEqual({ name: '', address: 'comments@example.com' });
    const tls = loadMailConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: '"Blog, comments" <Comments@Example.com>' })!;
    expect(tls.smtp).toEqual({ host: 'mail.example.com', port: 465, secure: true });
    expect(tls.from).toEqual({ name: 'Blog, comments', address: 'comments@example.com' });
    expect(tls).toMatchObject({ retryMs: 60_000, maxAttempts: 10, leaseMs: 300_000 });
    expect(loadMailConfig({ SMTP_URL: 'smtp://[::1]:2525', MAIL_FROM: 'a@b.example' })!.smtp).toMatchObject({ host: '::1', port: 2525 });
  });

  test.each([
    [{ SMTP_URL: 'smtp://mail.example.com' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'a@example.com' }, 'SMTP_URL'],
    [{ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@example.com' }, 'SMTP_URL'],
    [{ SMTP_URL: 'not a url', MAIL_FROM: 'a@example.com' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://:secret@mail.example.com', MAIL_FROM: 'a@example.com' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'not-an-address' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'Blog\r\nBcc: x@evil.example <a@example.com>' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', MAIL_MAX_ATTEMPTS: '0' }, 'MAIL_MAX_ATTEMPTS'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', MAIL_RETRY_SECONDS: 'soon' }, 'MAIL_RETRY_SECONDS'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'a@example.com', MAIL_LEASE_SECONDS: '1' }, 'MAIL_LEASE_SECONDS'],
  ])('%o is refused naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ name: 'ConfigError', variable }));
  });

  test('MAIL_FROM forms', () => {
    expect(parseMailFrom('Blog <a@example.com>')).toEqual({ name: 'Blog', address: 'a@example.com' });
    expect(parseMailFrom('<a@example.com>')).toEqual({ name: '', address: 'a@example.com' });
  });
});
