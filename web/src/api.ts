// fetch for the suite's API: adds the bearer token and the action's X-Correlation-ID, and turns
// an error answer into an ApiError carrying the body's message and the trace id.
import { ApiError } from './errors';
import { traceIdOfTraceresponse } from './format';
import { accessToken } from './session';
import { currentCorrelationId } from './tracing';

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = accessToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const correlationId = currentCorrelationId();
  if (correlationId) {
    headers['X-Correlation-ID'] = correlationId;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.', undefined, correlationId);
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

interface ErrorBody {
  error?: string;
  message?: string;
  traceId?: string;
  correlationId?: string;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not the suite's error body (a proxy's page, say): the status and headers still tell
  }
  return new ApiError(
    response.status,
    body.error ?? `http_${response.status}`,
    body.message ?? `The server answered HTTP ${response.status}.`,
    body.traceId ?? traceIdOfTraceresponse(response.headers.get('traceresponse')),
    body.correlationId ?? response.headers.get('X-Correlation-ID') ?? undefined,
  );
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
