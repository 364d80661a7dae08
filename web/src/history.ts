// Merging a re-read page of a room's history into the messages shown, in the server's order.
import type { Message } from './chat';

/**
 * What is shown plus the messages of `page` not among them, each id once, in the history's order
 * (createdAt, then id); a message already shown is kept as shown.
 */
export function mergeMessages(shown: Iterable<Message>, page: Message[]): Message[] {
  const merged = new Map<string, Message>();
  for (const message of [...page, ...shown]) {
    merged.set(message.id, message);
  }
  return [...merged.values()].sort(inHistoryOrder);
}

/** The history's order. createdAt is an ISO instant with 0, 3, 6 or 9 fraction digits: padded to 9 to compare as text. */
export function inHistoryOrder(a: Message, b: Message): number {
  const [timeA, timeB] = [instantKey(a.createdAt), instantKey(b.createdAt)];
  return timeA !== timeB ? (timeA < timeB ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function instantKey(instant: string): string {
  const [seconds, fraction = ''] = instant.replace(/Z$/, '').split('.');
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}
