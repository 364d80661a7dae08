// The signed-in user: the access token in sessionStorage and what its claims say, read for
// display and navigation only (the gateway and the services verify the token).

export type Role = 'student' | 'teacher' | 'admin';

export interface User {
  id: string;
  roles: Role[];
  /** The role shown and navigated by: admin over teacher over student. */
  role: Role;
}

interface Claims {
  sub?: unknown;
  groups?: unknown;
  exp?: unknown;
}

const TOKEN_KEY = 'learnhub.token';
const ROLES: Role[] = ['admin', 'teacher', 'student'];

/** The JWT's payload; undefined when the token is not a readable JWT. */
function decodeClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) {
    return undefined;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** The user a token names, or undefined when it names none or has expired. */
export function userOf(token: string, nowMillis: number): User | undefined {
  const claims = decodeClaims(token);
  if (!claims || typeof claims.sub !== 'string') {
    return undefined;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMillis) {
    return undefined;
  }
  const groups = Array.isArray(claims.groups) ? claims.groups : [];
  const roles = ROLES.filter((role) => groups.includes(role));
  return { id: claims.sub, roles, role: roles[0] ?? 'student' };
}

export function accessToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function currentUser(): User | undefined {
  const token = accessToken();
  return token ? userOf(token, Date.now()) : undefined;
}

export function keepToken(token: string): User | undefined {
  sessionStorage.setItem(TOKEN_KEY, token);
  return currentUser();
}

export function clearSession(): void {
  sessionStorage.clear();
}

export function hasRole(user: User | undefined, ...roles: Role[]): boolean {
  return user !== undefined && user.roles.some((role) => roles.includes(role));
}
