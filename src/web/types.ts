// Request fields added by our middleware.
import type { Lang } from '../shared/i18n.js';
import type { SessionUser } from '../shared/identity.js';

export interface FormSpec {
  /** The view that shows the form again, with the input and messages, on a validation failure. */
  view: string;
  /** Extra data that view needs (select options, the thing being edited …). */
  locals?: (req: import('express').Request) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      id: string | number | object;
      lang: Lang;
      t: (key: string, vars?: Record<string, unknown>) => string;
      /** A heading with a title in it, as HTML: vars[name] marked with its language (WCAG 3.1.2). */
      tMarked: (key: string, vars: Record<string, unknown>, name: string, language: unknown) => { toHTML(): string };
      /** The parsed, validated form (set by validateForm). */
      valid?: unknown;
      formSpec?: FormSpec;
      flash(kind: 'success' | 'info' | 'warning' | 'danger', key: string, vars?: Record<string, unknown>): void;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    passport?: { user?: number };
    csrfToken?: string;
    /** When the member signed in; the absolute timeout counts from here. */
    signedInAt?: number;
    /** Password checked, second factor still to come. */
    pendingUserId?: number;
    pendingSince?: number;
    /** Message keys, translated when shown (`text`: sessions saved before keys were stored). */
    flashes?: { kind: string; key?: string; vars?: Record<string, unknown>; text?: string }[];
    lang?: 'de' | 'en';
    /** Set up during two-factor enrolment, until confirmed with a first code. */
    totpSetupSecret?: string;
    /** Until when (epoch ms) this member's reads stay on the primary after a write (read replicas). */
    primaryReadsUntil?: number;
  }
}

export {};
