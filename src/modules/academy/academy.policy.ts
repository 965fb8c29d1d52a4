// Who may do what in the academy. Services call these; routes only gate on sign-in and role.
import { hasRole, type Actor } from '../../shared/identity.js';

export type { Actor };

/** Authoring quizzes and courses, statistics, extra attempts, revoking badges. */
export const canManageAcademy = (actor: Actor | undefined) => hasRole(actor, 'facilitator');

/** A member sees their own attempts; facilitators see everyone's. */
export const canSeeAttempt = (actor: Actor | undefined, attempt: { userId: number }) =>
  !!actor && (actor.id === attempt.userId || canManageAcademy(actor));

/** Explanations per the quiz's feedback policy (facilitators always see them). */
export const mayShowExplanations = (actor: Actor | undefined, policy: 'after_attempt' | 'after_pass', passedEver: boolean) =>
  policy === 'after_attempt' || passedEver || canManageAcademy(actor);
