// The one error the screens show: the suite's error body, `{"error","message","correlationId","traceId"}`.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly traceId?: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any thrown value as an ApiError; `traceId` is the trace it happened in when it brings none. */
export function asApiError(thrown: unknown, traceId?: string): ApiError {
  if (thrown instanceof ApiError) {
    return thrown.traceId || !traceId ? thrown : new ApiError(thrown.status, thrown.error, thrown.message, traceId, thrown.correlationId);
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ApiError(0, 'client_error', message, traceId);
}
