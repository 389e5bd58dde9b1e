/**
 * The sign-in as a web function wires it: the OpenID client and the JWE library load with the
 * first request, so the module that imports this one starts without them.
 */
import type { WebAuth } from '../../ports/web-auth.js';
import type { SlackSignInDeps } from './slack-sign-in.js';

export function lazySlackSignIn(deps: SlackSignInDeps): WebAuth {
  let signIn: Promise<WebAuth> | undefined;
  return {
    async authenticate(event) {
      signIn ??= import('./slack-sign-in.js').then(({ createSlackSignIn }) => createSlackSignIn(deps));
      return (await signIn).authenticate(event);
    },
  };
}
