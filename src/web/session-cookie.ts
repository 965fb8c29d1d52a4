// The session cookie's name and attributes, in one place: express-session sets it with these, and
// signing out (or deleting the account) clears it with the same ones — a browser only drops a
// cookie whose name, path and attributes match (a `__Host-` cookie also needs `Secure`).
import type { CookieOptions } from 'express';
import type { Config } from '../config.js';

export interface SessionCookie {
  name: string;
  options: CookieOptions & { httpOnly: true; sameSite: 'lax'; path: '/' };
}

export function sessionCookie(config: Pick<Config, 'isProduction'>): SessionCookie {
  return {
    name: config.isProduction ? '__Host-praxis.sid' : 'praxis.sid',
    options: { httpOnly: true, sameSite: 'lax', secure: config.isProduction, path: '/' },
  };
}
