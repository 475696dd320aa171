import type { AuthConfig } from '../auth-config.ts';
import type { AuthFlowsRepo } from '../../db/types.ts';
import type { SignInProvider } from '../provider.ts';
import { oauth2Provider } from './oauth2.ts';
import { oidcProvider } from './oidc.ts';
import { mastodonProvider } from './mastodon.ts';

/** The configured sign-in providers, by id, in the order the widget shows them. */
export function createSignInProviders(config: AuthConfig, flows: AuthFlowsRepo, clock: () => number): ReadonlyMap<string, SignInProvider> {
  const providers = config.providers.map((provider) =>
    provider.kind === 'oidc' ? oidcProvider(provider, config.providerTimeoutMs, clock) : oauth2Provider(provider, config.providerTimeoutMs),
  );
  if (config.mastodon.enabled) providers.push(mastodonProvider(config, flows, clock));
  return new Map(providers.map((provider) => [provider.id, provider]));
}
