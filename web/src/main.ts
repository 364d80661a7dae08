// Start-up and the hash router: `#/sign-in`, `#/rooms`, `#/rooms/<id>`, `#/courses`,
// `#/materials`, `#/teacher`, `#/admin`.
import { finishOidcSignIn, oidcAnswer } from './auth';
import { chatSocket } from './chat';
import { type WebConfig, loadConfig } from './config';
import { asApiError } from './errors';
import { adminScreen } from './screens/admin';
import { coursesScreen } from './screens/courses';
import { materialsScreen } from './screens/materials';
import { roomScreen } from './screens/room';
import { roomsScreen } from './screens/rooms';
import type { App, Mounted } from './screens/screen';
import { signInScreen } from './screens/sign-in';
import { teacherScreen } from './screens/teacher';
import { type User, clearSession, currentUser } from './session';
import { loadSpan, setTraceUser, startTracing } from './tracing';
import { clearError, initLayout, renderHeader, showError, showScreen } from './ui';

const SCREENS: Record<string, (app: App, param: string) => Mounted> = {
  rooms: () => roomsScreen(),
  room: (app, roomId) => roomScreen(app, roomId),
  courses: (app) => coursesScreen(app),
  materials: () => materialsScreen(),
  teacher: (app) => teacherScreen(app),
  admin: (app) => adminScreen(app),
};

let config: WebConfig;
let mounted: Mounted | undefined;

function parseRoute(hash: string): { screen: string; param: string } {
  const [screen = '', param = ''] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return screen === 'rooms' && param ? { screen: 'room', param } : { screen, param };
}

function go(hash: string): void {
  if (location.hash === hash) {
    route(true);
  } else {
    location.hash = hash;
  }
}

/** Another route in place of this one, without a history entry that Back would bounce on. */
function redirect(hash: string): void {
  history.replaceState(null, '', hash);
  route(false);
}

function route(focus: boolean): void {
  const user = currentUser();
  const { screen, param } = parseRoute(location.hash);
  if (!user && screen !== 'sign-in') {
    redirect('#/sign-in');
    return;
  }
  if (user && !SCREENS[screen]) {
    redirect('#/rooms');
    return;
  }
  mounted?.dispose?.();
  renderHeader(user, screen);
  mounted = user ? SCREENS[screen]({ config, user }, param) : signInScreen(config, signedIn);
  showScreen(mounted.root, focus);
}

function signedIn(user: User): void {
  setTraceUser(user.id);
  chatSocket.open();
  go('#/rooms');
}

function signOut(): void {
  chatSocket.close();
  clearSession();
  setTraceUser(undefined);
  clearError();
  go('#/sign-in');
}

async function start(): Promise<void> {
  try {
    config = await loadConfig();
  } catch (thrown) {
    showError(asApiError(thrown));
    return;
  }
  startTracing(config.telemetry);
  initLayout(config, signOut);

  const user = currentUser();
  if (user) {
    setTraceUser(user.id);
    chatSocket.open();
  }
  addEventListener('hashchange', () => route(true));
  route(false);

  const answer = oidcAnswer();
  if (answer && config.oidc) {
    const oidc = config.oidc;
    try {
      signedIn(await loadSpan('sign-in', () => finishOidcSignIn(oidc, answer)));
    } catch (thrown) {
      showError(asApiError(thrown));
    }
  }
}

void start();
