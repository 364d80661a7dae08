// Sign in: the dev form (local run) or the button that starts the OpenID Connect flow.
import { devSignIn, startOidcSignIn } from '../auth';
import type { WebConfig } from '../config';
import { h } from '../dom';
import type { Role, User } from '../session';
import { act, screenRoot, whileBusy } from '../ui';
import type { Mounted } from './screen';

const ROLES: Role[] = ['student', 'teacher', 'admin'];

export function signInScreen(config: WebConfig, signedIn: (user: User) => void): Mounted {
  const content = config.signIn === 'dev' ? devForm(signedIn) : oidcButton(config);
  const root = screenRoot('sign-in', 'Sign in', null, content);
  root.dataset.loaded = 'true';
  return { root };
}

function devForm(signedIn: (user: User) => void): HTMLElement {
  const userId = h('input', { id: 'dev-user-id', name: 'userId', 'data-testid': 'dev-user-id', value: '2001', autocomplete: 'username', 'aria-describedby': 'dev-users' });
  const role = h('select', { id: 'dev-role', name: 'role', 'data-testid': 'dev-role' }, ROLES.map((name) => h('option', { value: name }, name)));
  const submit = h('button', { type: 'submit', 'data-testid': 'dev-sign-in' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card stack' },
    h('p', {}, 'Local run: sign in as any user id, with the role you pick.'),
    h('label', { for: 'dev-user-id' }, 'User id'),
    userId,
    h('p', { class: 'hint', id: 'dev-users' }, 'Demo users: teacher 1001, student 2001, admin 9001.'),
    h('label', { for: 'dev-role' }, 'Role'),
    role,
    h('div', {}, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(submit, () =>
      act('sign_in', async () => {
        signedIn(await devSignIn(userId.value.trim(), role.value as Role));
      }),
    );
  });
  return form;
}

function oidcButton(config: WebConfig): HTMLElement {
  const oidc = config.oidc;
  const button = h('button', { type: 'button', 'data-testid': 'oidc-sign-in', disabled: !oidc }, 'Sign in with your LearnHub account');
  button.addEventListener('click', () => {
    if (oidc) {
      void whileBusy(button, () => act('sign_in', () => startOidcSignIn(oidc)));
    }
  });
  const explanation = oidc
    ? 'You will be sent to the sign-in page and brought back here.'
    : 'Sign-in is not configured: the gateway names no issuer (WEB_OIDC_ISSUER).';
  return h('div', { class: 'card stack' }, h('p', { 'data-testid': 'sign-in-help' }, explanation), h('div', {}, button));
}
