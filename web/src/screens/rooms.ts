// My rooms: the chat rooms the user is a member of.
import { api } from '../api';
import { chatSocket } from '../chat';
import { fill, h } from '../dom';
import { untraced } from '../tracing';
import { load, refreshButton, screenRoot } from '../ui';
import type { Mounted } from './screen';

export interface Room {
  id: string;
  name: string;
  type: 'COURSE' | 'GROUP' | 'DIRECT';
  courseId: string | null;
  memberIds: string[];
}

export function roomsScreen(): Mounted {
  const list = h('ul', { class: 'list' });
  const reload = async () => render(list, await api<Room[]>('/api/chat/rooms'));
  const root = screenRoot('rooms', 'My rooms', refreshButton(reload), list);
  void load(root, reload);
  // a room made for the user (a course they paid for) is announced by a notification frame
  const stopListening = chatSocket.onFrame((frame) => {
    if (frame.type === 'notification') {
      void untraced(reload).catch(() => {});
    }
  });
  return { root, dispose: stopListening };
}

function render(list: HTMLElement, rooms: Room[]): void {
  if (rooms.length === 0) {
    fill(list, h('li', { class: 'empty' }, 'You are in no room yet. Buying a course puts you in its room.'));
    return;
  }
  fill(
    list,
    rooms.map((room) =>
      h(
        'li',
        {},
        h('a', { href: `#/rooms/${encodeURIComponent(room.id)}`, 'data-testid': 'room-link', 'data-room-id': room.id }, room.name),
        h('span', { class: 'meta' }, `${room.type.toLowerCase()} · ${room.memberIds.length} ${room.memberIds.length === 1 ? 'member' : 'members'}`),
      ),
    ),
  );
}
