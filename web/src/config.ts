// GET /web/config: how this deployment signs users in, where spans go and which trace UI to link.
import { api } from './api';
import type { TelemetryConfig } from './tracing';

export interface WebConfig {
  signIn: 'dev' | 'oidc';
  oidc: { issuer: string; clientId: string; scope: string } | null;
  traceUi: { name: string; traceUrl: string } | null;
  telemetry: TelemetryConfig;
}

/** Read before tracing starts (the config says where spans go), so this request is not traced. */
export function loadConfig(): Promise<WebConfig> {
  return api<WebConfig>('/web/config');
}
