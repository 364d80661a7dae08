// W3C trace context carried in chat frames: the `traceparent` of a context, and the context of a
// frame's `traceparent`. The same propagator that fetch instrumentation uses for HTTP headers.
import {
  type Context,
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/** The `traceparent` of the span current in `context`, or undefined when it has none. */
export function traceparentOf(context: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** A context whose (remote) parent is the frame's `traceparent`; the root context when it is absent or invalid. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) {
    return ROOT_CONTEXT;
  }
  return propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
}
