import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatSocket, reconnectDelay, upgradeProtocols } from '../src/socket';

test('reconnecting waits 1 s, doubling up to 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('the token rides in the upgrade subprotocols, URL-encoded', () => {
  assert.deepEqual(upgradeProtocols('h.p.s'), ['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer%20h.p.s']);
});

/** Stands in for the browser's WebSocket: the test opens and closes it. */
class FakeWebSocket extends EventTarget {
  static opened: FakeWebSocket[] = [];

  constructor(readonly url: string) {
    super();
    FakeWebSocket.opened.push(this);
  }

  send(): void {}

  close(): void {
    this.dispatchEvent(new Event('close'));
  }
}

test('the socket tells its reconnect listeners when it opens again after a close, not on its first open', () => {
  Object.assign(globalThis, { window: globalThis, WebSocket: FakeWebSocket, location: { protocol: 'http:', host: 'learnhub.test' } });
  const socket = new ChatSocket(() => 'token');
  let reconnects = 0;
  socket.onReconnect(() => reconnects++);

  socket.open();
  FakeWebSocket.opened[0].dispatchEvent(new Event('open'));
  assert.equal(socket.status, 'connected');
  assert.equal(reconnects, 0);

  FakeWebSocket.opened[0].dispatchEvent(new Event('close'));
  assert.equal(socket.status, 'reconnecting');
  socket.open(); // what the retry timer would do; it clears that timer
  FakeWebSocket.opened[1].dispatchEvent(new Event('open'));
  assert.equal(socket.status, 'connected');
  assert.equal(reconnects, 1);

  // signed out and in again: a first open once more
  socket.close();
  socket.open();
  FakeWebSocket.opened[2].dispatchEvent(new Event('open'));
  assert.equal(reconnects, 1);
  assert.equal(FakeWebSocket.opened[2].url, 'ws://learnhub.test/ws/chat');
  socket.close();
});
