import 'server-only';

import type { User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';

import type { AuthSettings, OidcSettings } from '@/server/auth/auth-env';
import { mapIdentity } from '@/server/auth/identity-mapping';
import { checkPassword, refuseAttempt } from '@/server/auth/password-sign-in';

// The two sign-in methods. Both end in the same `User` shape carrying the already-mapped Kubernetes
// identity (`k8sUser`, `k8sGroups`); the jwt callback keeps only that.

export interface MappedUser extends User {
  k8sUser?: string;
  k8sGroups?: string[];
  /** Set when the provider's identity cannot be used; the signIn callback refuses it. */
  refused?: string;
}

export const OIDC_PROVIDER_ID = 'oidc';
export const LOCAL_PROVIDER_ID = 'local';

type Claims = Record<string, unknown> & { sub: string };

export function oidcProvider(oidc: OidcSettings, settings: AuthSettings): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: 'oauth',
    wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret ?? '',
    client: oidc.clientSecret ? undefined : { token_endpoint_auth_method: 'none' },
    authorization: { params: { scope: oidc.scopes } },
    // The ID token is validated by openid-client (signature, issuer, audience, expiry), and groups are
    // read from it as kube-apiserver's own OIDC authenticator does. PKCE + state guard the redirect.
    idToken: true,
    checks: ['pkce', 'state'],
    profile(claims): MappedUser {
      const mapped = mapIdentity(
        { user: claims[oidc.usernameClaim], groups: claims[oidc.groupsClaim] },
        oidc,
        settings.groupMap,
      );
      if (!mapped.ok) return { id: String(claims.sub), refused: mapped.reason };
      return { id: String(claims.sub), k8sUser: mapped.identity.user, k8sGroups: mapped.identity.groups };
    },
  };
}

export function localProvider(settings: AuthSettings) {
  const local = settings.local;
  return CredentialsProvider({
    id: LOCAL_PROVIDER_ID,
    name: 'Local account',
    credentials: {
      username: { label: 'User name', type: 'text' },
      password: { label: 'Password', type: 'password' },
    },
    // The route handler has parsed the body once, taken the sign-in budgets and runs this inside that
    // attempt (password-sign-in.ts): the password is checked with those values, off the main thread.
    async authorize(): Promise<MappedUser | null> {
      if (!local) return null;
      const user = await checkPassword(local.usersFile);
      if (!user) return null;
      const mapped = mapIdentity({ user: user.name, groups: user.groups }, local, settings.groupMap);
      if (!mapped.ok) {
        refuseAttempt();
        return null;
      }
      return { id: user.name, k8sUser: mapped.identity.user, k8sGroups: mapped.identity.groups };
    },
  });
}
