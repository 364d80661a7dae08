// A room: its history (paged backwards with `before`), live messages over the WebSocket, who is
// online, and the send box. After a reconnect it re-reads the latest page: what was sent while the
// socket was closed came live to no socket.
import { api, query } from '../api';
import { type Message, chatSocket, onMessage, sendMessage } from '../chat';
import { fill, h } from '../dom';
import { dateTime } from '../format';
import { mergeMessages } from '../history';
import { untraced } from '../tracing';
import { act, load, refreshButton, screenRoot } from '../ui';
import type { Room } from './rooms';
import type { App, Mounted } from './screen';

const PAGE_SIZE = 50;
const PRESENCE_EVERY_MILLIS = 15_000;
/** Frames come in bursts (a sent message, its echo): one presence read after them. */
const PRESENCE_SETTLE_MILLIS = 1_000;

export function roomScreen(app: App, roomId: string): Mounted {
  /** The messages shown, by id, with their list items. */
  const shown = new Map<string, { message: Message; item: HTMLElement }>();
  let oldestId: string | undefined;
  let exhausted = false;

  const messages = h('ol', { class: 'messages', role: 'log', 'aria-label': 'Messages', tabindex: 0 });
  const loadOlder = h('button', { type: 'button', class: 'secondary', 'data-testid': 'load-older' }, 'Load older messages');
  const presence = h('ul', { class: 'presence', 'data-testid': 'presence', 'aria-label': 'Members online' });
  const status = h('span', { class: 'socket-status', 'data-testid': 'socket-status', 'data-status': chatSocket.status, role: 'status' }, chatSocket.status);
  const input = h('textarea', { id: 'message-input', 'data-testid': 'message-input', rows: 3, maxlength: 4000, 'aria-describedby': 'send-hint' });
  const sendBox = h(
    'form',
    { class: 'send-box' },
    h('label', { for: 'message-input' }, 'Message'),
    input,
    h('div', { class: 'send-row' }, h('span', { class: 'hint', id: 'send-hint' }, 'Enter sends, Shift+Enter starts a new line.'), h('button', { type: 'submit', 'data-testid': 'send' }, 'Send')),
  );

  function messageItem(message: Message): HTMLElement {
    const kind = message.kind === 'SYSTEM' ? 'system' : message.senderId === app.user.id ? 'mine' : 'theirs';
    return h(
      'li',
      { class: `message ${kind}`, 'data-testid': 'message', 'data-message-id': message.id },
      h('div', { class: 'meta' }, h('span', { class: 'sender' }, message.senderId ?? 'LearnHub'), ' · ', h('time', { datetime: message.createdAt }, dateTime(message.createdAt))),
      h('p', { class: 'body' }, message.body),
    );
  }

  function show(message: Message): HTMLElement {
    const item = messageItem(message);
    shown.set(message.id, { message, item });
    return item;
  }

  const atBottom = () => messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;

  /** Puts an older page (oldest first) above what is shown, keeping the view where it was. */
  function prependPage(page: Message[]): void {
    const fromBottom = messages.scrollHeight - messages.scrollTop;
    messages.prepend(...page.filter((message) => !shown.has(message.id)).map(show));
    messages.scrollTop = messages.scrollHeight - fromBottom;
    oldestId = page[0]?.id ?? oldestId;
    exhausted = page.length < PAGE_SIZE;
    loadOlder.disabled = exhausted;
    loadOlder.textContent = exhausted ? 'No older messages' : 'Load older messages';
  }

  function append(message: Message): void {
    if (message.roomId !== roomId || shown.has(message.id)) {
      return;
    }
    const wasAtBottom = atBottom();
    messages.append(show(message));
    if (wasAtBottom || message.senderId === app.user.id) {
      messages.scrollTop = messages.scrollHeight;
    }
    presenceSoon();
  }

  /**
   * Puts the latest page's messages not shown in their place among those shown. A message that came
   * live during the fetch is shown already: the merge keeps it once.
   */
  async function catchUp(): Promise<void> {
    const page = await history();
    const wasAtBottom = atBottom();
    const merged = mergeMessages([...shown.values()].map((entry) => entry.message), page);
    // from the newest back, each message not shown goes just before the next one's item
    let next: HTMLElement | null = null;
    for (const message of merged.reverse()) {
      next = shown.get(message.id)?.item ?? messages.insertBefore(show(message), next);
    }
    oldestId ??= page[0]?.id;
    if (wasAtBottom) {
      messages.scrollTop = messages.scrollHeight;
    }
  }

  async function readPresence(): Promise<void> {
    try {
      const answer = await api<{ onlineUserIds: string[] }>(`/api/chat/rooms/${encodeURIComponent(roomId)}/presence`);
      const online = answer.onlineUserIds;
      fill(presence, online.length ? online.map((id) => h('li', { 'data-user-id': id }, id)) : h('li', { class: 'empty' }, 'Nobody'));
    } catch (thrown) {
      fill(presence, h('li', { class: 'empty' }, `Unknown: ${thrown instanceof Error ? thrown.message : String(thrown)}`));
    }
  }

  let presenceTimer: number | undefined;
  function presenceSoon(): void {
    window.clearTimeout(presenceTimer);
    presenceTimer = window.setTimeout(() => void untraced(readPresence), PRESENCE_SETTLE_MILLIS);
  }

  const history = (before?: string) =>
    api<Message[]>(`/api/chat/rooms/${encodeURIComponent(roomId)}/messages${query({ before, limit: PAGE_SIZE })}`);

  const root = screenRoot(
    'room',
    'Room',
    null,
    h(
      'section',
      { class: 'room', 'data-testid': 'room', 'data-room-id': roomId },
      h('div', { class: 'conversation' }, loadOlder, messages, sendBox),
      h('aside', { class: 'card stack' }, h('h2', {}, 'Online'), presence, h('p', {}, 'Connection: ', status), h('div', {}, refreshButton(readPresence))),
    ),
  );

  loadOlder.addEventListener('click', async () => {
    loadOlder.disabled = true;
    const loaded = await act('load_older', async () => prependPage(await history(oldestId)));
    loadOlder.disabled = loaded && exhausted;
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendBox.requestSubmit();
    }
  });
  sendBox.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = input.value;
    if (body.trim()) {
      void act('send', async () => {
        sendMessage(roomId, body);
        input.value = '';
      });
    }
  });

  void load(root, async () => {
    const [rooms, page] = await Promise.all([api<Room[]>('/api/chat/rooms'), history()]);
    const name = rooms.find((room) => room.id === roomId)?.name ?? roomId;
    root.querySelector('h1')?.replaceChildren(name);
    document.title = `${name} · LearnHub`;
    prependPage(page);
    messages.scrollTop = messages.scrollHeight;
    await readPresence();
  });

  const stopMessages = onMessage(append);
  const stopStatus = chatSocket.onStatus((state) => {
    status.textContent = state;
    status.dataset.status = state;
    if (state === 'connected') {
      presenceSoon();
    }
  });
  const stopReconnect = chatSocket.onReconnect(() => void load(root, catchUp));
  const presenceInterval = window.setInterval(() => void untraced(readPresence), PRESENCE_EVERY_MILLIS);

  return {
    root,
    dispose: () => {
      stopMessages();
      stopStatus();
      stopReconnect();
      window.clearInterval(presenceInterval);
      window.clearTimeout(presenceTimer);
    },
  };
}
