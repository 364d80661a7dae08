// How values are shown: amounts, times, and links to the trace UI.

export interface Money {
  value: string;
  currency: string;
}

export function money(amount: Money): string {
  return `${amount.value} ${amount.currency}`;
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The trace UI's URL template (`…/traces/{traceId}`) filled in for one trace. */
export function traceUrl(template: string, traceId: string): string {
  return template.split('{traceId}').join(encodeURIComponent(traceId));
}

/** The trace id of a W3C `traceresponse` header (`00-<trace id>-<span id>-<flags>`). */
export function traceIdOfTraceresponse(header: string | null): string | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(header?.trim() ?? '');
  return match?.[1];
}
