/**
 * sign-in.js: the sign-in icons, the popup flow and the signed-in bar, loaded
 * by embed.js on demand (widget/components/sign-in.tsx) so embed.js stays small.
 */
import { startSignIn } from './sign-in.ts';

window.ParleySignIn = startSignIn;
