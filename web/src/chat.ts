// The app's one chat connection and the live messages it brings: each `message` or `sent` frame
// is rendered under a `receive_message` span that continues the sender's trace.
import { ApiError } from './errors';
import { accessToken, currentUser } from './session';
import { type Frame, ChatSocket } from './socket';
import { receiveMessageSpan, sendFrameSpan } from './tracing';
import { showError } from './ui';

export interface Message {
  id: string;
  roomId: string;
  senderId: string | null;
  kind: 'USER' | 'SYSTEM';
  body: string;
  createdAt: string;
}

export const chatSocket = new ChatSocket(() => (currentUser() ? accessToken() : undefined));

const messageListeners = new Set<(message: Message) => void>();

chatSocket.onFrame((frame: Frame) => {
  if ((frame.type === 'message' || frame.type === 'sent') && isMessage(frame.message)) {
    const message = frame.message;
    const traceparent = typeof frame.traceparent === 'string' ? frame.traceparent : undefined;
    receiveMessageSpan(traceparent, message.roomId, message.id, () => messageListeners.forEach((listener) => listener(message)));
  } else if (frame.type === 'error') {
    showError(new ApiError(0, text(frame.error) ?? 'error', text(frame.message) ?? 'The chat server reported an error.', text(frame.traceId), text(frame.correlationId)));
  }
});

export function onMessage(listener: (message: Message) => void): () => void {
  messageListeners.add(listener);
  return () => messageListeners.delete(listener);
}

/** Sends a `send` frame under span `send_frame`, whose context the frame carries. */
export function sendMessage(roomId: string, body: string): void {
  sendFrameSpan(roomId, (traceparent, correlationId) => chatSocket.send({ type: 'send', roomId, body, traceparent, correlationId }));
}

function isMessage(value: unknown): value is Message {
  const message = value as Message;
  return typeof message === 'object' && message !== null && typeof message.id === 'string' && typeof message.roomId === 'string';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
