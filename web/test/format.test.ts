import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money, traceIdOfTraceresponse, traceUrl } from '../src/format';

test('traceUrl fills in every {traceId} of the template', () => {
  assert.equal(traceUrl('http://localhost:9411/zipkin/traces/{traceId}', 'abc123'), 'http://localhost:9411/zipkin/traces/abc123');
  assert.equal(traceUrl('https://jaeger/trace/{traceId}?uiFind={traceId}', 'ab'), 'https://jaeger/trace/ab?uiFind=ab');
});

test('traceUrl encodes what it puts in', () => {
  assert.equal(traceUrl('https://ui/{traceId}', 'a/b?c'), 'https://ui/a%2Fb%3Fc');
});

test('traceIdOfTraceresponse reads the trace id of a W3C traceresponse', () => {
  assert.equal(traceIdOfTraceresponse('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'), '0af7651916cd43dd8448eb211c80319c');
  assert.equal(traceIdOfTraceresponse('garbage'), undefined);
  assert.equal(traceIdOfTraceresponse(null), undefined);
});

test('money shows the value and the currency', () => {
  assert.equal(money({ value: '49.00', currency: 'RUB' }), '49.00 RUB');
});
