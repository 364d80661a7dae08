// What the router hands a screen, and what a screen hands back.
import type { WebConfig } from '../config';
import type { User } from '../session';

export interface App {
  config: WebConfig;
  /** The signed-in user; every screen but sign-in is shown only with one. */
  user: User;
}

export interface Mounted {
  root: HTMLElement;
  /** Stops the screen's timers and listeners when another screen replaces it. */
  dispose?: () => void;
}
