import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizeUrl, challengeS256, randomVerifier, tokenRequestBody } from '../src/pkce';

test('challengeS256 matches the example of RFC 7636, appendix B', async () => {
  assert.equal(await challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('randomVerifier is 43 unreserved characters and new each time', () => {
  const verifier = randomVerifier();
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(randomVerifier(), verifier);
});

test('authorizeUrl asks for a code with an S256 challenge and keeps the endpoint query', () => {
  const url = new URL(
    authorizeUrl('https://id.example/auth?tenant=x', {
      clientId: 'learnhub-web',
      redirectUri: 'https://learnhub.example/',
      scope: 'openid profile email',
      state: 'st',
      codeChallenge: 'ch',
    }),
  );
  assert.equal(url.origin + url.pathname, 'https://id.example/auth');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    tenant: 'x',
    response_type: 'code',
    client_id: 'learnhub-web',
    redirect_uri: 'https://learnhub.example/',
    scope: 'openid profile email',
    state: 'st',
    code_challenge: 'ch',
    code_challenge_method: 'S256',
  });
});

test('tokenRequestBody is the authorization_code grant with the verifier', () => {
  assert.equal(
    tokenRequestBody('c 1', 'https://learnhub.example/', 'learnhub-web', 'v').toString(),
    'grant_type=authorization_code&code=c+1&redirect_uri=https%3A%2F%2Flearnhub.example%2F&client_id=learnhub-web&code_verifier=v',
  );
});
