// Browser tracing (service.name `web`): a root span per user action or screen load, the fetches
// under it as children (their `traceparent` continues the trace at the gateway), and the spans
// that carry a chat message's trace over the WebSocket. Spans go to the gateway as OTLP/HTTP JSON.
import {
  type Context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  createContextKey,
  trace,
} from '@opentelemetry/api';
import { ZoneContextManager } from '@opentelemetry/context-zone';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanProcessor,
  WebTracerProvider,
} from '@opentelemetry/sdk-trace-web';
import { asApiError } from './errors';
import { hex, randomBytes, uuid } from './random';
import { contextOfTraceparent, traceparentOf } from './trace-context';

export interface TelemetryConfig {
  tracesUrl: string;
  exportDelayMillis: number;
}

/** The action names of the `click <action>` spans. */
export type Action = 'sign_in' | 'send' | 'load_older' | 'buy' | 'pay_sandbox' | 'run_reports' | 'refresh';

const CORRELATION_ID = createContextKey('learnhub correlation_id');
/** Tells apart two tabs (page loads) of one user. */
const SESSION_ID = hex(randomBytes(16));

const tracer = trace.getTracer('web');
const rootSpanListeners = new Set<(traceId: string) => void>();
let userId: string | undefined;

/** Every span gets `session.id`, `user.id` once signed in, and the action's `correlation_id`. */
const commonAttributes: SpanProcessor = {
  onStart(span, parentContext) {
    span.setAttribute('session.id', SESSION_ID);
    if (userId) {
      span.setAttribute('user.id', userId);
    }
    const correlationId = parentContext.getValue(CORRELATION_ID);
    if (typeof correlationId === 'string') {
      span.setAttribute('correlation_id', correlationId);
    }
  },
  onEnd() {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

export function startTracing(telemetry: TelemetryConfig): void {
  const tracesUrl = new URL(telemetry.tracesUrl, location.href).href;
  const provider = new WebTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': 'web' })),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [
      commonAttributes,
      new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }), {
        scheduledDelayMillis: telemetry.exportDelayMillis,
        // flushed below: the processor's own listener waits for `pagehide` on document, where it never fires
        disableAutoFlushOnDocumentHide: true,
      }),
    ],
  });
  provider.register({ contextManager: new ZoneContextManager(), propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({ instrumentations: [new FetchInstrumentation({ ignoreUrls: [tracesUrl] })] });

  const flush = () => void provider.forceFlush();
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      flush();
    }
  });
}

/** The user every span from now on acts for; the action that signed them in gets it too. */
export function setTraceUser(id: string | undefined): void {
  userId = id;
  if (id) {
    trace.getActiveSpan()?.setAttribute('user.id', id);
  }
}

/** Called with the trace id of every action or screen load as it starts. */
export function onRootSpan(listener: (traceId: string) => void): void {
  rootSpanListeners.add(listener);
}

/** The correlation id of the action the caller runs in, if any. */
export function currentCorrelationId(): string | undefined {
  const value = context.active().getValue(CORRELATION_ID);
  return typeof value === 'string' ? value : undefined;
}

/** A user action: root span `click <action>`. */
export function clickSpan<T>(action: Action, work: () => Promise<T>): Promise<T> {
  return rootSpan(`click ${action}`, work);
}

/** A screen's data being loaded: root span `load <screen>`. */
export function loadSpan<T>(screen: string, work: () => Promise<T>): Promise<T> {
  return rootSpan(`load ${screen}`, work);
}

/**
 * Runs `work` as a new trace with a fresh correlation id; a failure becomes an ApiError that
 * names this trace when the server named none.
 */
function rootSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  const parent = ROOT_CONTEXT.setValue(CORRELATION_ID, uuid());
  return tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, root: true }, parent, async (span) => {
    const traceId = span.spanContext().traceId;
    rootSpanListeners.forEach((listener) => listener(traceId));
    try {
      return await work();
    } catch (thrown) {
      const error = asApiError(thrown, traceId);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.error });
      span.setAttribute('error.type', error.error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Housekeeping (presence polls, run status polls): under an unsampled context, so it starts no
 * trace of its own here and the gateway's sampling decides for it.
 */
export function untraced<T>(work: () => Promise<T>): Promise<T> {
  const unsampled = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: hex(randomBytes(16)),
    spanId: hex(randomBytes(8)),
    traceFlags: TraceFlags.NONE,
  });
  return context.with(unsampled, work);
}

/**
 * Span `send_frame` around handing a chat frame to the socket; `send` gets the span's
 * `traceparent` and the action's correlation id to put in the frame.
 */
export function sendFrameSpan(roomId: string, send: (traceparent: string | undefined, correlationId: string | undefined) => void): void {
  const span = tracer.startSpan('send_frame', { kind: SpanKind.PRODUCER, attributes: { 'room.id': roomId } });
  try {
    send(traceparentOf(trace.setSpan(context.active(), span)), currentCorrelationId());
  } catch (thrown) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.setAttribute('error.type', asApiError(thrown, span.spanContext().traceId).error);
    throw thrown;
  } finally {
    span.end();
  }
}

/** Span `receive_message`, child of the frame's `traceparent`, around rendering the message. */
export function receiveMessageSpan(traceparent: string | undefined, roomId: string, messageId: string, render: () => void): void {
  const parent: Context = contextOfTraceparent(traceparent);
  const span = tracer.startSpan(
    'receive_message',
    { kind: SpanKind.CONSUMER, attributes: { 'room.id': roomId, 'message.id': messageId } },
    parent,
  );
  try {
    context.with(trace.setSpan(parent, span), render);
  } finally {
    span.end();
  }
}
