// OAuth 2.0 authorization code with PKCE (RFC 7636, method S256): the values the browser makes
// and the URL it sends the user to.
import { base64url, randomBytes } from './random';

/** 32 random bytes, base64url: 43 characters, as RFC 7636 recommends. */
export function randomVerifier(): string {
  return base64url(randomBytes(32));
}

export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
}

export function authorizeUrl(authorizationEndpoint: string, request: AuthorizeRequest): string {
  const url = new URL(authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scope);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

export function tokenRequestBody(code: string, redirectUri: string, clientId: string, verifier: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
}
