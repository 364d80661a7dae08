import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay, upgradeProtocols } from '../src/socket';

test('reconnecting waits 1 s, doubling up to 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('the token rides in the upgrade subprotocols, URL-encoded', () => {
  assert.deepEqual(upgradeProtocols('h.p.s'), ['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer%20h.p.s']);
});
