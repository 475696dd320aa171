/** The sign-in bundle's words (English). `{provider}` is the provider's name. */
export const signInText = {
  logIn: 'Log in with {provider}',
  connecting: 'Connecting to {provider}',
  using: 'You are commenting using your {provider} account.',
  logOut: 'Log Out',
  change: 'Change',
  failed: 'Sign-in did not work: {message}',
  expired: 'Sign-in did not work; please try again.',
};
