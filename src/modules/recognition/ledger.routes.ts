// /recognition/points: the signed-in member's points and their history (what, when, for which item).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { ledgerOf, pointsOf } from './ledger.queries.js';
import { reasonLabel, rules } from './recognition.rules.js';

export function ledgerRouter(ctx: AppContext): Router {
  rules(); // a mistake in content/recognition.yml stops the boot here, with its line
  const r = Router();
  r.get('/recognition/points', requireUser, async (req, res) => {
    const page = pageFrom(req.query);
    const [total, { lines, total: count }] = await Promise.all([pointsOf(ctx.ds, req.user!.id), ledgerOf(ctx.ds, req.user!.id, page.limit, page.offset)]);
    res.render('recognition/points', {
      title: req.t('recognition.points.title'),
      total,
      lines: lines.map((l) => ({ ...l, reasonLabel: reasonLabel(l.reason, req.lang), signed: l.points > 0 ? `+${l.points}` : String(l.points) })),
      reasons: rules().reasons.map((x) => ({ label: x[req.lang], points: x.points, dailyCap: x.dailyCap })),
      pagination: paginationView(page, count, '/recognition/points'),
    });
  });
  return r;
}
