// The chat WebSocket (/ws/chat): one connection for all the user's rooms, kept alive with a
// ping every 30 s and opened again after a close with a backoff of 1 s doubling up to 30 s. What
// the server sent while it was closed is lost: a reconnect tells its listeners to catch up.
import { ApiError } from './errors';

export type SocketStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface Frame {
  type: string;
  [field: string]: unknown;
}

const PING_EVERY_MILLIS = 30_000;
const FIRST_RETRY_MILLIS = 1_000;
const LAST_RETRY_MILLIS = 30_000;
/** A socket open this long before it closed was healthy: the next retry starts at 1 s again. */
const STABLE_MILLIS = 30_000;

/** The wait before reconnect attempt number `failures` (0 for the first). */
export function reconnectDelay(failures: number): number {
  return Math.min(FIRST_RETRY_MILLIS * 2 ** failures, LAST_RETRY_MILLIS);
}

/**
 * Browsers cannot set headers on a WebSocket upgrade: the token rides in subprotocols, which
 * Quarkus turns into the Authorization header.
 */
export function upgradeProtocols(token: string): string[] {
  return ['bearer-token-carrier', `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${token}`)}`];
}

export class ChatSocket {
  status: SocketStatus = 'closed';
  private socket: WebSocket | undefined;
  private failures = 0;
  private openedAt = 0;
  /** Open before since the last close(): the next open is a reconnect. */
  private connectedBefore = false;
  private retryTimer: number | undefined;
  private readonly frameListeners = new Set<(frame: Frame) => void>();
  private readonly statusListeners = new Set<(status: SocketStatus) => void>();
  private readonly reconnectListeners = new Set<() => void>();

  /** `token` gives the current access token, or undefined when signed out (then nothing opens). */
  constructor(private readonly token: () => string | undefined) {}

  open(): void {
    if (this.socket) {
      return;
    }
    const token = this.token();
    if (!token) {
      // signed out, or the token expired while reconnecting: nothing to open with
      this.setStatus('closed');
      return;
    }
    window.clearTimeout(this.retryTimer);
    this.setStatus(this.failures > 0 ? 'reconnecting' : 'connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/chat`, upgradeProtocols(token));
    // this socket's own: a late close of an older socket must not stop the pings of a newer one
    let pingTimer: number | undefined;
    socket.addEventListener('open', () => {
      this.openedAt = Date.now();
      const reconnected = this.connectedBefore;
      this.connectedBefore = true;
      this.setStatus('connected');
      if (reconnected) {
        this.reconnectListeners.forEach((listener) => listener());
      }
      pingTimer = window.setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), PING_EVERY_MILLIS);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      window.clearInterval(pingTimer);
      if (this.socket !== socket) {
        return;
      }
      this.socket = undefined;
      if (this.openedAt && Date.now() - this.openedAt >= STABLE_MILLIS) {
        this.failures = 0;
      }
      this.openedAt = 0;
      this.setStatus('reconnecting');
      this.retryTimer = window.setTimeout(() => this.open(), reconnectDelay(this.failures++));
    });
    this.socket = socket;
  }

  /** Closes for good (signing out): no reconnect. */
  close(): void {
    window.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.failures = 0;
    this.connectedBefore = false;
    socket?.close(1000, 'signed out');
    this.setStatus('closed');
  }

  send(frame: Frame): void {
    if (!this.socket || this.status !== 'connected') {
      throw new ApiError(0, 'socket_not_open', 'The chat connection is not open; send again once it says connected.');
    }
    this.socket.send(JSON.stringify(frame));
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onStatus(listener: (status: SocketStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called when the socket opens again after a close (not on the first open): frames may have been missed. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private receive(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof frame === 'object' && frame !== null && typeof (frame as Frame).type === 'string') {
      this.frameListeners.forEach((listener) => listener(frame as Frame));
    }
  }

  private setStatus(status: SocketStatus): void {
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}
