// Writes of the leaderboards: a member's answer to the opt-in question.
import { inTransaction } from '../../db/transaction.js';
import { forbidden } from '../../shared/errors.js';
import type { Actor } from '../../shared/identity.js';
import type { AppContext } from '../module.js';
import { leaderboardsPolicy } from './leaderboards.policy.js';
import { saveLeaderboardChoice } from './leaderboards.store.js';

/** Shows (true) or hides (false) the member on every leaderboard and in the export, from now on. */
export async function setLeaderboardVisibility(ctx: AppContext, actor: Actor | undefined, visible: boolean): Promise<void> {
  if (!actor || !leaderboardsPolicy.canChoose(actor, actor.id)) throw forbidden();
  await inTransaction(ctx.ds, (db) => saveLeaderboardChoice(db, actor.id, visible));
}
