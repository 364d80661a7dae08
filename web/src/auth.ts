// Signing in: the dev sign-in of the local run (POST /web/dev-sign-in), or OpenID Connect's
// authorization code flow with PKCE against the configured issuer.
import { api } from './api';
import type { WebConfig } from './config';
import { ApiError } from './errors';
import { authorizeUrl, challengeS256, randomVerifier, tokenRequestBody } from './pkce';
import { base64url, randomBytes } from './random';
import { type Role, type User, keepToken } from './session';

type Oidc = NonNullable<WebConfig['oidc']>;

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const STATE_KEY = 'learnhub.oidc.state';
const VERIFIER_KEY = 'learnhub.oidc.verifier';

export async function devSignIn(userId: string, role: Role): Promise<User> {
  const answer = await api<{ accessToken: string }>('/web/dev-sign-in', { method: 'POST', body: { userId, role } });
  return signedIn(answer.accessToken);
}

/** Sends the browser to the issuer's sign-in page; it comes back to `/?code=…&state=…`. */
export async function startOidcSignIn(oidc: Oidc): Promise<void> {
  if (!crypto.subtle) {
    throw new ApiError(0, 'insecure_context', 'Signing in needs HTTPS (or localhost): this browser offers no Web Crypto here.');
  }
  const discovery = await discover(oidc.issuer);
  const verifier = randomVerifier();
  const state = base64url(randomBytes(16));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  sessionStorage.setItem(STATE_KEY, state);
  location.assign(
    authorizeUrl(discovery.authorization_endpoint, {
      clientId: oidc.clientId,
      redirectUri: redirectUri(),
      scope: oidc.scope,
      state,
      codeChallenge: await challengeS256(verifier),
    }),
  );
}

/** The issuer's answer in this page's URL (`code` and `state`, or `error`), if it is one. */
export function oidcAnswer(): URLSearchParams | undefined {
  const params = new URLSearchParams(location.search);
  return params.has('code') || params.has('error') ? params : undefined;
}

/** Exchanges the answer's code for tokens, after checking it answers the sign-in started here. */
export async function finishOidcSignIn(oidc: Oidc, answer: URLSearchParams): Promise<User> {
  const expectedState = sessionStorage.getItem(STATE_KEY);
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  sessionStorage.removeItem(STATE_KEY);
  sessionStorage.removeItem(VERIFIER_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);

  if (!verifier || answer.get('state') !== expectedState) {
    throw new ApiError(0, 'state_mismatch', 'This sign-in answer does not belong to a sign-in started here; sign in again.');
  }
  // only now, the answer being ours: the issuer's own words, not a crafted link's
  const error = answer.get('error');
  if (error) {
    throw new ApiError(0, error, answer.get('error_description') ?? 'The sign-in was refused.');
  }
  const code = answer.get('code');
  if (!code) {
    throw new ApiError(0, 'state_mismatch', 'The sign-in answer has no code; sign in again.');
  }
  const discovery = await discover(oidc.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: tokenRequestBody(code, redirectUri(), oidc.clientId, verifier),
  });
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!response.ok || !tokens.access_token) {
    throw new ApiError(response.status, 'token_exchange_failed', tokens.error_description ?? `The issuer did not hand out a token (HTTP ${response.status}).`);
  }
  return signedIn(tokens.access_token);
}

function redirectUri(): string {
  return `${location.origin}/`;
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new ApiError(response.status, 'issuer_unavailable', `The sign-in service could not be reached (HTTP ${response.status}).`);
  }
  return (await response.json()) as Discovery;
}

function signedIn(token: string): User {
  const user = keepToken(token);
  if (!user) {
    throw new ApiError(0, 'invalid_token', 'The sign-in answer carried no usable token.');
  }
  return user;
}
