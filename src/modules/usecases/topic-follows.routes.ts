// Following topics and methods of the use-case library: the page listing them (/use-cases/topics)
// and the follow / unfollow forms (also shown on the list when a topic or method is filtered).
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { safeNext } from '../../web/middleware/locals.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { topicFollowSchema } from './topic-follows.schemas.js';
import { followTopics, unfollowTopic } from './topic-follows.service.js';
import { topicFollowsOf } from './topic-follows.store.js';
import { topicsPageView } from './topic-follows.views.js';

export function topicFollowsRouter(ctx: AppContext): Router {
  const r = Router();
  const pageLocals = async (req: Request) => ({
    title: req.t('usecases.topics.title'),
    ...topicsPageView(await topicFollowsOf(ctx.ds, req.user!.id), req.lang),
  });
  const form = { view: 'usecases/topics', locals: pageLocals };

  r.get('/use-cases/topics', requireUser, async (req, res) => res.render('usecases/topics', await pageLocals(req)));
  r.post('/use-cases/topics/follow', requireUser, validateForm(topicFollowSchema, form), async (req, res) => {
    const { facet, key, back } = formData<typeof topicFollowSchema>(req);
    await followTopics(ctx, req.user, facet, [key]);
    req.flash('success', 'usecases.topics.followed');
    res.redirect(303, safeNext(back, '/use-cases/topics'));
  });
  r.post('/use-cases/topics/unfollow', requireUser, validateForm(topicFollowSchema, form), async (req, res) => {
    const { facet, key, back } = formData<typeof topicFollowSchema>(req);
    await unfollowTopic(ctx, req.user, facet, key);
    req.flash('success', 'usecases.topics.unfollowed');
    res.redirect(303, safeNext(back, '/use-cases/topics'));
  });
  return r;
}
