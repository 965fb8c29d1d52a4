// `/` for signed-in members: "Mein Praxis", the blocks every module adds. Visitors fall through to
// the next router (the visitors' home page).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import { startPage } from './home.service.js';
import { startPageView } from './home.views.js';

export function homeRouter(ctx: AppContext): Router {
  const r = Router();
  r.get('/', async (req, res, next) => {
    if (!req.user) return next();
    const page = await startPage(ctx, req.user, req.lang);
    res.render('home/start', { title: req.t('home.title'), ...startPageView(page, req.t) });
  });
  return r;
}
