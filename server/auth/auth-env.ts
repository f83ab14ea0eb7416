import 'server-only';

import { z } from 'zod';

// The sign-in part of the environment. `server/env.ts` stays the one reader of process.env; it
// spreads `authEnvShape` into its schema and calls `authSettings` on the parsed values.

const prefix = z
  .string()
  .max(64)
  .regex(/^[^\s,]*$/, 'must not contain spaces or commas');

export const authEnvShape = {
  NODE_ENV: z.string().optional(),
  /** The dashboard's public URL (next-auth callbacks, cookie `secure`, the CSRF origin check). */
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  WHEELHOUSE_SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(8 * 3600),
  WHEELHOUSE_USERS_FILE: z.string().min(1).optional(),
  WHEELHOUSE_LOCAL_USER_PREFIX: prefix.default(''),
  WHEELHOUSE_LOCAL_GROUP_PREFIX: prefix.default(''),
  WHEELHOUSE_OIDC_ISSUER: z.url().optional(),
  WHEELHOUSE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  WHEELHOUSE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  WHEELHOUSE_OIDC_SCOPES: z.string().min(1).default('openid profile email groups'),
  WHEELHOUSE_OIDC_USERNAME_CLAIM: z.string().min(1).default('sub'),
  WHEELHOUSE_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  WHEELHOUSE_OIDC_NAME: z.string().min(1).max(64).default('Single sign-on'),
  WHEELHOUSE_OIDC_USER_PREFIX: prefix.default('oidc:'),
  WHEELHOUSE_OIDC_GROUP_PREFIX: prefix.default('oidc:'),
  /** `provider-group=kubernetes-group,…`: mapped groups are used verbatim (no prefix). */
  WHEELHOUSE_GROUP_MAP: z.string().max(8192).optional(),
  // Sign-in budgets (ADR 0012): failed password attempts a minute per (address, user name) pair, per
  // address, per user name from addresses it never signed in from, and for the whole installation.
  WHEELHOUSE_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  WHEELHOUSE_SIGNIN_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  WHEELHOUSE_SIGNIN_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  WHEELHOUSE_SIGNIN_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Password-check worker threads; 0 = one per core less one (at least one). */
  WHEELHOUSE_SIGNIN_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  /** Password checks that may wait per lane before sign-ins get 503. */
  WHEELHOUSE_SIGNIN_QUEUE: z.coerce.number().int().min(0).max(10_000).default(8),
  WHEELHOUSE_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
} as const;

type AuthEnvInput = z.output<z.ZodObject<typeof authEnvShape>>;

export interface IdentityMapping {
  userPrefix: string;
  groupPrefix: string;
}

export interface OidcSettings extends IdentityMapping {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  name: string;
}

export interface SignInLimits {
  pairPerMinute: number;
  addressPerMinute: number;
  userPerMinute: number;
  globalPerMinute: number;
  /** 0 = automatic (password-verifier.ts `defaultWorkers`). */
  workers: number;
  queueLimit: number;
}

export interface AuthSettings {
  /** NODE_ENV=production (`next start`): sign-in is mandatory and the secret must be strong. */
  production: boolean;
  publicUrl?: string;
  /** Undefined or weak secrets are refused at start-up in production (`assertAuthReady`). */
  secret?: string;
  sessionMaxAgeSeconds: number;
  local?: IdentityMapping & { usersFile: string };
  oidc?: OidcSettings;
  /** Provider group → Kubernetes group, applied before prefixes. */
  groupMap: Record<string, string>;
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

// Values people copy from READMEs and .env examples; a secret like these signs forgeable sessions.
const PLACEHOLDERS = ['changeme', 'change-me', 'change_me', 'secret', 'placeholder', 'example', 'replace', 'todo'];

/** Why a NEXTAUTH_SECRET is unfit, or null when it is strong enough. */
export function weakSecretReason(secret: string | undefined): string | null {
  if (!secret) return 'NEXTAUTH_SECRET is not set';
  if (secret.length < 32) return `NEXTAUTH_SECRET is ${secret.length} characters; at least 32 are required`;
  const lower = secret.toLowerCase();
  if (PLACEHOLDERS.some((p) => lower.includes(p))) return 'NEXTAUTH_SECRET looks like a placeholder';
  if (new Set(secret).size < 10) return 'NEXTAUTH_SECRET has too few distinct characters';
  return null;
}

export function parseGroupMap(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of (value ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const from = trimmed.slice(0, eq).trim();
    const to = trimmed.slice(eq + 1).trim();
    if (eq <= 0 || !from || !to) throw new AuthConfigError(`WHEELHOUSE_GROUP_MAP: "${trimmed}" is not from=to`);
    map[from] = to;
  }
  return map;
}

export function authSettings(env: AuthEnvInput): AuthSettings {
  const oidcParts = [env.WHEELHOUSE_OIDC_ISSUER, env.WHEELHOUSE_OIDC_CLIENT_ID];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new AuthConfigError('OpenID Connect needs both WHEELHOUSE_OIDC_ISSUER and WHEELHOUSE_OIDC_CLIENT_ID');
  }
  return {
    production: env.NODE_ENV === 'production',
    publicUrl: env.NEXTAUTH_URL,
    secret: env.NEXTAUTH_SECRET,
    sessionMaxAgeSeconds: env.WHEELHOUSE_SESSION_MAX_AGE,
    local: env.WHEELHOUSE_USERS_FILE
      ? {
          usersFile: env.WHEELHOUSE_USERS_FILE,
          userPrefix: env.WHEELHOUSE_LOCAL_USER_PREFIX,
          groupPrefix: env.WHEELHOUSE_LOCAL_GROUP_PREFIX,
        }
      : undefined,
    oidc:
      env.WHEELHOUSE_OIDC_ISSUER && env.WHEELHOUSE_OIDC_CLIENT_ID
        ? {
            issuer: env.WHEELHOUSE_OIDC_ISSUER,
            clientId: env.WHEELHOUSE_OIDC_CLIENT_ID,
            clientSecret: env.WHEELHOUSE_OIDC_CLIENT_SECRET,
            scopes: env.WHEELHOUSE_OIDC_SCOPES,
            usernameClaim: env.WHEELHOUSE_OIDC_USERNAME_CLAIM,
            groupsClaim: env.WHEELHOUSE_OIDC_GROUPS_CLAIM,
            name: env.WHEELHOUSE_OIDC_NAME,
            userPrefix: env.WHEELHOUSE_OIDC_USER_PREFIX,
            groupPrefix: env.WHEELHOUSE_OIDC_GROUP_PREFIX,
          }
        : undefined,
    groupMap: parseGroupMap(env.WHEELHOUSE_GROUP_MAP),
  };
}

/** Password sign-in budgets and the password-check pool (ADR 0012); server/env.ts `rateLimits.signIn`. */
export function signInLimits(env: AuthEnvInput): SignInLimits {
  return {
    pairPerMinute: env.WHEELHOUSE_SIGNIN_PER_MINUTE,
    addressPerMinute: env.WHEELHOUSE_SIGNIN_ADDRESS_PER_MINUTE,
    userPerMinute: env.WHEELHOUSE_SIGNIN_USER_PER_MINUTE,
    globalPerMinute: env.WHEELHOUSE_SIGNIN_GLOBAL_PER_MINUTE,
    workers: env.WHEELHOUSE_SIGNIN_WORKERS,
    queueLimit: env.WHEELHOUSE_SIGNIN_QUEUE,
  };
}

/** Start-up check: production never runs without a strong secret and at least one sign-in method. */
export function authProblems(settings: AuthSettings): string[] {
  const problems: string[] = [];
  const weak = weakSecretReason(settings.secret);
  if (weak && settings.production) problems.push(`${weak} (generate one: openssl rand -base64 32)`);
  if (!settings.local && !settings.oidc) {
    problems.push('No sign-in method is configured: set WHEELHOUSE_USERS_FILE and/or WHEELHOUSE_OIDC_ISSUER');
  }
  return problems;
}
