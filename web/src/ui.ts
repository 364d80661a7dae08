// The frame around every screen: header and navigation, the error box, the "last request" strip,
// and running actions and screen loads so that their failures are shown the same way.
import type { WebConfig } from './config';
import { type Child, fill, h } from './dom';
import { type ApiError, asApiError } from './errors';
import { traceUrl } from './format';
import { type User, hasRole } from './session';
import { type Action, clickSpan, loadSpan, onRootSpan } from './tracing';

let traceUi: WebConfig['traceUi'] = null;
let signOut: () => void = () => {};

function slot(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`index.html has no #${id}`);
  }
  return element;
}

export function initLayout(config: WebConfig, onSignOut: () => void): void {
  traceUi = config.traceUi;
  signOut = onSignOut;
  const code = h('code', {}, 'none yet');
  const link = h('a', { 'data-testid': 'trace-link', target: '_blank', rel: 'noopener', hidden: true });
  const strip = h('div', { class: 'last-request', 'data-testid': 'last-request', 'data-trace-id': '' }, 'Last request: trace ', code, ' ', link);
  fill(slot('footer'), strip);
  onRootSpan((traceId) => {
    strip.dataset.traceId = traceId;
    code.textContent = traceId;
    if (traceUi) {
      link.href = traceUrl(traceUi.traceUrl, traceId);
      link.textContent = `Open in ${traceUi.name}`;
      link.hidden = false;
    }
  });
}

const NAV: { screen: string; label: string; visible: (user: User) => boolean }[] = [
  { screen: 'rooms', label: 'Rooms', visible: () => true },
  { screen: 'courses', label: 'Courses', visible: () => true },
  { screen: 'materials', label: 'Materials', visible: () => true },
  { screen: 'teacher', label: 'Teaching', visible: (user) => hasRole(user, 'teacher', 'admin') },
  { screen: 'admin', label: 'Admin', visible: (user) => hasRole(user, 'admin') },
];

export function renderHeader(user: User | undefined, screen: string): void {
  const current = screen === 'room' ? 'rooms' : screen;
  fill(
    slot('header'),
    h('a', { class: 'brand', href: user ? '#/rooms' : '#/sign-in' }, 'LearnHub'),
    user && [
      h(
        'nav',
        { 'aria-label': 'Main' },
        NAV.filter((item) => item.visible(user)).map((item) =>
          h(
            'a',
            { href: `#/${item.screen}`, 'data-testid': `nav-${item.screen}`, 'aria-current': item.screen === current ? 'page' : null },
            item.label,
          ),
        ),
      ),
      h(
        'div',
        { class: 'account' },
        h('span', { 'data-testid': 'whoami' }, `${user.id} · ${user.role}`),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'sign-out', onclick: () => signOut() }, 'Sign out'),
      ),
    ],
  );
}

/** Puts a screen in place of the last one; moves the focus to it after a navigation. */
export function showScreen(root: HTMLElement, focus: boolean): void {
  document.getElementById('main')?.replaceWith(root);
  document.title = `${root.querySelector('h1')?.textContent ?? ''} · LearnHub`;
  if (focus) {
    root.focus();
  }
}

export function showError(error: ApiError): void {
  const link = traceUi && error.traceId ? h('a', { href: traceUrl(traceUi.traceUrl, error.traceId), target: '_blank', rel: 'noopener' }, `Open in ${traceUi.name}`) : null;
  fill(
    slot('error'),
    h(
      'div',
      { class: 'error', 'data-testid': 'error', role: 'alert' },
      h('p', {}, h('strong', {}, error.error), ': ', h('span', { 'data-testid': 'error-message' }, error.message)),
      h('p', { class: 'trace' }, 'Trace ', h('code', { 'data-testid': 'error-trace-id' }, error.traceId ?? 'unknown'), ' ', link),
      h('button', { type: 'button', class: 'secondary', onclick: clearError }, 'Dismiss'),
    ),
  );
}

export function clearError(): void {
  fill(slot('error'));
}

/** A user action as span `click <action>`; shows its error. Resolves to whether it succeeded. */
export function act(action: Action, work: () => Promise<void>): Promise<boolean> {
  return attempt(() => clickSpan(action, work));
}

/** Loads a screen's data as span `load <screen>`, then marks the screen loaded. */
export async function load(root: HTMLElement, work: () => Promise<void>): Promise<void> {
  if (await attempt(() => loadSpan(root.dataset.screen ?? 'screen', work))) {
    root.dataset.loaded = 'true';
  }
}

async function attempt(run: () => Promise<void>): Promise<boolean> {
  clearError();
  try {
    await run();
    return true;
  } catch (thrown) {
    const error = asApiError(thrown);
    if (error.status === 401) {
      signOut();
    }
    showError(error);
    return false;
  }
}

/** The screen's root: `<main data-screen>` with its heading and, beside it, the screen's tools. */
export function screenRoot(name: string, title: string, tools: Child, ...content: Child[]): HTMLElement {
  return h(
    'main',
    { id: 'main', 'data-screen': name, tabindex: -1 },
    h('div', { class: 'screen-head' }, h('h1', {}, title), tools),
    ...content,
  );
}

/** A "Refresh" button: `click refresh`. */
export function refreshButton(reload: () => Promise<void>): HTMLButtonElement {
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  button.addEventListener('click', () => void whileBusy(button, () => act('refresh', reload)));
  return button;
}

/** Disables a button while its action runs, so one click is one action. */
export async function whileBusy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
