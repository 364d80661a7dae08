import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64url, uuid } from '../src/random';

test('uuid is a version 4 UUID', () => {
  assert.match(uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('base64url has no padding and no + or /', () => {
  assert.equal(base64url(new Uint8Array([0xfb, 0xff, 0xfe])), '-__-');
  assert.equal(base64url(new Uint8Array([1])), 'AQ');
});
