import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { contextOfTraceparent, traceparentOf } from '../src/trace-context';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

test('traceparentOf writes the current span as a sampled W3C traceparent', () => {
  const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
  assert.equal(traceparentOf(context), `00-${TRACE_ID}-${SPAN_ID}-01`);
});

test('traceparentOf gives nothing for a context without a span', () => {
  assert.equal(traceparentOf(ROOT_CONTEXT), undefined);
});

test("contextOfTraceparent makes the frame's span the remote parent", () => {
  const parent = trace.getSpanContext(contextOfTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`));
  assert.deepEqual(
    { traceId: parent?.traceId, spanId: parent?.spanId, traceFlags: parent?.traceFlags, isRemote: parent?.isRemote },
    { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true },
  );
});

test('a missing or malformed traceparent leaves the root context', () => {
  assert.equal(contextOfTraceparent(undefined), ROOT_CONTEXT);
  assert.equal(trace.getSpanContext(contextOfTraceparent('00-not-a-trace-01')), undefined);
  assert.equal(trace.getSpanContext(contextOfTraceparent(`00-${'0'.repeat(32)}-${SPAN_ID}-01`)), undefined);
});
