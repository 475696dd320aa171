import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A person who can sign in at the test provider. */
export interface TestUser {
  id: string;
  name: string;
  email?: string;
  website?: string;
}

export interface TestProviderOptions {
  users: TestUser[];
  /** Registered confidential clients: id, secret and allowed redirect URIs. */
  clients?: Array<{ id: string; secret: string; redirectUris: string[]; auth?: 'client_secret_basic' | 'client_secret_post' }>;
  /**
   * How the provider's sign-in page behaves: `auto` signs in `signInAs` at once (HTTP tests),
   * `page` shows a page with a "Sign in" button (browser tests), `deny` answers `access_denied`.
   */
  interaction?: 'auto' | 'page' | 'deny';
}

/** A 1×1 PNG, served as every user's avatar. */
export const AVATAR_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * A real OAuth 2.0 / OpenID Connect provider (panva's certified `oidc-provider`) on
 * loopback, plus the profile APIs of the providers Parley knows, each answering only
 * to an access token this provider issued: GitHub's `/user`, Facebook's `/me`, X's
 * `/2/users/me`, WordPress.com's `/rest/v1.1/me`, and Mastodon's app registration
 * (`POST /api/v1/apps`, backed by dynamic client registration) and
 * `/api/v1/accounts/verify_credentials`. Its authorize and token endpoints sit at
 * Mastodon's paths (`/oauth/authorize`, `/oauth/token`).
 */
export async function startTestProvider(options: TestProviderOptions) {
  const users = new Map(options.users.map((user) => [user.id, user]));
  const state = { signInAs: options.users[0]!.id, interaction: options.interaction ?? 'auto', hits: new Map<string, number>() };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(url, {
    clients: (options.clients ?? []).map((client) => ({
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: client.auth ?? 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const user = users.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ sub, name: user.name, email: user.email, picture: `${url}/avatars/${sub}.png`, website: user.website }) };
    },
    claims: { openid: ['sub'], profile: ['name', 'picture', 'website'], email: ['email'] },
    scopes: ['openid', 'profile', 'email', 'read:user', 'public_profile', 'users.read', 'tweet.read', 'auth', 'read:accounts'],
    features: { devInteractions: { enabled: false }, registration: { enabled: true } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    routes: { authorization: '/oauth/authorize', token: '/oauth/token', userinfo: '/userinfo' },
    cookies: { keys: ['parley-test-provider-cookie-key'] },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      // Consent is implied: every requested scope is granted.
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(String(ctx.oidc.params!.scope ?? ''));
      grant.addOIDCClaims(['sub', 'name', 'picture', 'website', 'email']);
      await grant.save();
      return grant;
    },
  });
  const oidc = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', url).pathname;
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    handle(req, res, path).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (interaction) return signIn(req, res, Boolean(interaction[2]));
    if (path.startsWith('/avatars/')) return void res.writeHead(200, { 'Content-Type': 'image/png' }).end(AVATAR_PNG);
    if (path === '/api/v1/apps' && req.method === 'POST') return registerMastodonApp(req, res);
    const profile = PROFILES[path];
    if (profile) return answerProfile(req, res, profile);
    return oidc(req, res);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse, submitted: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (state.interaction === 'deny') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user said no.' });
    }
    if (state.interaction === 'page' && !submitted) {
      const user = users.get(state.signInAs)!;
      return void res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><title>Test provider</title><form method="post" action="/interaction/${details.uid}/login">` +
            `<p>Sign in to the test provider as ${user.name}?</p><button type="submit">Sign in</button></form>`,
        );
    }
    return provider.interactionFinished(req, res, { login: { accountId: state.signInAs } }, { mergeWithLastSubmission: false });
  }

  async function registerMastodonApp(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const registration = await fetch(`${url}/reg`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_name: form.get('client_name'),
        redirect_uris: (form.get('redirect_uris') ?? '').split(/\s+/).filter(Boolean),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      }),
    });
    const client = (await registration.json()) as Record<string, unknown>;
    if (!registration.ok) return json(res, 422, { error: client.error_description ?? 'registration failed' });
    return json(res, 200, {
      id: '1',
      name: form.get('client_name'),
      redirect_uri: form.get('redirect_uris'),
      client_id: client.client_id,
      client_secret: client.client_secret,
    });
  }

  async function answerProfile(req: IncomingMessage, res: ServerResponse, shape: (user: TestUser) => unknown) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? await provider.AccessToken.find(token) : undefined;
    const user = access ? users.get(access.accountId) : undefined;
    if (!user) return json(res, 401, { error: 'invalid_token' });
    return json(res, 200, shape({ ...user, website: user.website ?? '', email: user.email ?? '' }));
  }

  const avatar = (user: TestUser) => `${url}/avatars/${user.id}.png`;
  const PROFILES: Record<string, (user: TestUser) => unknown> = {
    '/user': (u) => ({
      id: Number(u.id.replace(/\D/g, '') || 1),
      login: u.id,
      name: u.name,
      avatar_url: avatar(u),
      html_url: `https://github.example/${u.id}`,
    }),
    '/graph/me': (u) => ({ id: u.id, name: u.name, picture: { data: { url: avatar(u) } }, link: u.website }),
    '/2/users/me': (u) => ({ data: { id: u.id, name: u.name, username: u.id, profile_image_url: avatar(u) } }),
    '/rest/v1.1/me': (u) => ({ ID: Number(u.id.replace(/\D/g, '') || 1), display_name: u.name, username: u.id, avatar_URL: avatar(u), profile_URL: u.website }),
    '/api/v1/accounts/verify_credentials': (u) => ({ id: u.id, username: u.id, acct: u.id, display_name: u.name, avatar: avatar(u), url: `${url}/@${u.id}` }),
  };

  return {
    url,
    /** Who the next sign-in is for. */
    signInAs(id: string) {
      state.signInAs = id;
    },
    setInteraction(mode: 'auto' | 'page' | 'deny') {
      state.interaction = mode;
    },
    /** How often a path was requested. */
    hits: (path: string) => state.hits.get(path) ?? 0,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}
