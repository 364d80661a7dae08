import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userOf } from '../src/session';

const NOW = Date.UTC(2026, 10, 27);

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

test('the user is the token sub, shown with its highest role', () => {
  assert.deepEqual(userOf(jwt({ sub: '1001', groups: ['student', 'teacher'] }), NOW), { id: '1001', roles: ['teacher', 'student'], role: 'teacher' });
});

test('claims in UTF-8 are read', () => {
  assert.equal(userOf(jwt({ sub: '2001', groups: ['student'], name: 'Łukasz Żółć' }), NOW)?.id, '2001');
});

test('an expired token names no user', () => {
  assert.equal(userOf(jwt({ sub: '2001', groups: ['student'], exp: NOW / 1000 - 1 }), NOW), undefined);
  assert.equal(userOf(jwt({ sub: '2001', groups: ['student'], exp: NOW / 1000 + 60 }), NOW)?.id, '2001');
});

test('a token that is no JWT, or has no sub, names no user', () => {
  assert.equal(userOf('opaque-token', NOW), undefined);
  assert.equal(userOf('a.!!!.c', NOW), undefined);
  assert.equal(userOf(jwt({ groups: ['admin'] }), NOW), undefined);
});
