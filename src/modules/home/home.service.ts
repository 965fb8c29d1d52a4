// The member start page: record the visit (which gives "since my last visit"), then the blocks.
import type { Lang } from '../../shared/i18n.js';
import type { SessionUser } from '../../shared/identity.js';
import type { AppContext, StartBlock } from '../module.js';
import { startBlocks } from './home.blocks.js';
import { recordVisit } from './home.store.js';

export async function startPage(ctx: AppContext, user: SessionUser, lang: Lang): Promise<{ since: Date; blocks: StartBlock[] }> {
  const since = await recordVisit(ctx.ds, user.id);
  const blocks = await startBlocks(ctx, { user, lang, since });
  return { since, blocks };
}
