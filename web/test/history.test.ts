import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../src/chat';
import { mergeMessages } from '../src/history';

function message(id: string, createdAt: string, body = `body ${id}`): Message {
  return { id, roomId: 'r1', senderId: '1001', kind: 'USER', body, createdAt };
}

const ids = (messages: Message[]) => messages.map((each) => each.id);

test('messages missed while reconnecting go in their place, each once', () => {
  const shown = [message('a', '2026-11-27T10:00:01Z'), message('d', '2026-11-27T10:00:04Z')];
  const page = [message('a', '2026-11-27T10:00:01Z'), message('b', '2026-11-27T10:00:02Z'), message('c', '2026-11-27T10:00:03Z'), message('d', '2026-11-27T10:00:04Z'), message('e', '2026-11-27T10:00:05Z')];
  assert.deepEqual(ids(mergeMessages(shown, page)), ['a', 'b', 'c', 'd', 'e']);
});

test('a message shown is kept as shown, and one only shown (live during the fetch) stays', () => {
  const live = message('f', '2026-11-27T10:00:06Z');
  const merged = mergeMessages([message('a', '2026-11-27T10:00:01Z', 'as shown'), live], [message('a', '2026-11-27T10:00:01Z', 'as read'), message('b', '2026-11-27T10:00:02Z')]);
  assert.deepEqual(ids(merged), ['a', 'b', 'f']);
  assert.equal(merged[0].body, 'as shown');
  assert.equal(merged[2], live);
});

test('the order is the history order: createdAt to the nanosecond, whatever its fraction digits, then id', () => {
  const page = [message('z', '2026-11-27T10:00:01Z'), message('y', '2026-11-27T10:00:01.000001Z'), message('x', '2026-11-27T10:00:01.5Z')];
  const shown = [message('b', '2026-11-27T10:00:01.100Z'), message('a', '2026-11-27T10:00:01.100Z'), message('w', '2026-11-27T09:59:59.999999999Z')];
  assert.deepEqual(ids(mergeMessages(shown, page)), ['w', 'z', 'y', 'a', 'b', 'x']);
});

test('nothing shown yet: the page as read', () => {
  const page = [message('a', '2026-11-27T10:00:01Z'), message('b', '2026-11-27T10:00:02Z')];
  assert.deepEqual(mergeMessages([], page), page);
});
