// A real OpenID Connect provider for the e2e tests (the `oidc-provider` package) on loopback.
// Started by playwright.config.ts's webServer list:  npx tsx e2e/support/oidc-server.ts <port> <appUrl>
// Its development login page accepts any password for the accounts in test-accounts.ts; consent is
// granted automatically (a first-party client), so the browser sees one login form, as with most IdPs.
import Provider from 'oidc-provider';
import type { OidcContext } from 'oidc-provider';

import { OIDC_ACCOUNTS, OIDC_CLIENT } from './test-accounts';

const port = Number(process.argv[2] ?? 4100);
const appUrl = process.argv[3] ?? 'http://127.0.0.1:3100';
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  // Put scope claims (groups) into the ID token, as Keycloak, Dex and Okta do for Kubernetes.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-e2e-cookie-key-8Hf3'] },
  findAccount(_ctx, id) {
    const account = OIDC_ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      claims: () => ({
        sub: id,
        preferred_username: id,
        name: id,
        email: `${id}@example.test`,
        groups: account.groups,
      }),
    };
  },
  async loadExistingGrant(ctx: OidcContext) {
    const { client, session, result, provider: p } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    if (grantId) return p.Grant.find(grantId);
    const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid profile email groups');
    await grant.save();
    return grant;
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`test OIDC provider on ${issuer} for ${appUrl}`);
});
