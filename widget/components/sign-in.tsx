import { useStore } from '../context.ts';

/**
 * The slot for the sign-in icon buttons: one per provider listed by /api/config (SPEC §4).
 * With no provider configured it renders nothing; the buttons and their popup flow arrive with the sign-in issue.
 */
export function SignIn() {
  const { providers } = useStore().config.value!;
  if (!providers.length) return null;
  return null; // sign-in issue: the provider buttons go here
}
