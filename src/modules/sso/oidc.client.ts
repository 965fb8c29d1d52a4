// The relying party: openid-client (certified) does discovery, the authorization code flow with
// PKCE, state and nonce, and checks the ID token (signature, issuer, audience, expiry, nonce).
// Discovery results are kept for ten minutes per provider and settings version.
import * as client from 'openid-client';
import type { AppContext } from '../module.js';

export interface ProviderConnection {
  administrationId: number;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Changes with every saved setting: a new version is discovered afresh. */
  version: number;
}

/** Where the provider sends the browser back (register it at the provider). */
export const CALLBACK_PATH = '/login/sso/callback';
const DISCOVERY_TTL_MS = 10 * 60_000;
/** Seconds for each request to the provider (discovery, token, user info). */
const TIMEOUT_SECONDS = 5;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Plain http to the provider only for a provider on this machine (127.0.0.1, ::1, localhost) outside
 * production: a development Keycloak, the tests' provider. Everything else must be https.
 */
export function insecureAllowed(ctx: Pick<AppContext, 'config'>, url: URL): boolean {
  return url.protocol === 'http:' && !ctx.config.isProduction && LOOPBACK.has(url.hostname);
}

/** Why a provider URL is not acceptable (a message key), or null. */
export function issuerProblem(ctx: Pick<AppContext, 'config'>, issuerUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return 'sso.admin.errors.issuerUrl';
  }
  if (url.search || url.hash || url.username || url.password) return 'sso.admin.errors.issuerUrl';
  if (url.protocol === 'https:' || insecureAllowed(ctx, url)) return null;
  return 'sso.admin.errors.issuerHttps';
}

const caches = new WeakMap<AppContext, Map<number, { version: number; at: number; config: client.Configuration }>>();

export async function discover(ctx: AppContext, p: ProviderConnection): Promise<client.Configuration> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const hit = cache.get(p.administrationId);
  if (hit && hit.version === p.version && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const url = new URL(p.issuerUrl);
  const config = await client.discovery(url, p.clientId, undefined, client.ClientSecretBasic(p.clientSecret), {
    timeout: TIMEOUT_SECONDS,
    execute: insecureAllowed(ctx, url) ? [client.allowInsecureRequests] : [],
  });
  config.timeout = TIMEOUT_SECONDS;
  cache.set(p.administrationId, { version: p.version, at: Date.now(), config });
  return config;
}

/** What the browser's session keeps between leaving for the provider and coming back. */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function authorizationUrl(ctx: AppContext, config: client.Configuration, loginHint: string | undefined): Promise<{ url: URL; pending: PendingAuthorization }> {
  const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${ctx.config.baseUrl}${CALLBACK_PATH}`,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, pending };
}

export interface VerifiedSignIn {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  idToken: string;
}

/**
 * Redeems the code the provider sent back (with the PKCE verifier) and checks the response and the
 * ID token; claims missing from the ID token (e-mail, name) come from the user info endpoint.
 */
export async function completeAuthorization(ctx: AppContext, config: client.Configuration, callbackUrl: URL, pending: PendingAuthorization): Promise<VerifiedSignIn> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
    claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
  }
  return { issuer: idClaims.iss, subject: idClaims.sub, claims, idToken: tokens.id_token! };
}

/** The provider's sign-out page (RP-initiated logout), when its discovery names one. */
export function endSessionUrl(ctx: AppContext, config: client.Configuration, idToken: string): URL | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: `${ctx.config.baseUrl}/` });
}

/** The provider could not be reached or did not answer in time (not a refusal). */
export function isUnreachable(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  if (err instanceof client.ClientError) return ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM'].includes(err.code ?? '') || err.cause instanceof TypeError;
  return false;
}
