// /dashboard for facilitators and admins: the period picker, every section, and each section's
// tables as CSV (/dashboard/<section>/<table>.csv with the same period). 404 for everyone else.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { replicaReads } from '../../db/replica.js';
import { notFound } from '../../shared/errors.js';
import { csvDocument } from '../../shared/csv.js';
import { dashboardPolicy } from './dashboard.policy.js';
import { PERIOD_KINDS, periodFromQuery, periodQuery, type Period } from './dashboard.period.js';
import type { SectionContext } from './dashboard.section.js';
import { SECTIONS } from './sections/index.js';
import { RENDERED_MAX_BYTES, RenderedSections, renderSections } from './dashboard.rendered.js';
import { PageParts } from '../../web/view-engine.js';

function context(ctx: AppContext, req: Request, period: Period): SectionContext {
  return { ds: ctx.ds, reads: replicaReads(ctx.ds), period, lang: req.lang, t: req.t };
}

export function dashboardRouter(ctx: AppContext): Router {
  const r = Router();
  r.use('/dashboard', (req, _res, next) => next(dashboardPolicy.canSee(req.user) ? undefined : notFound()));

  const ordered = [...SECTIONS].sort((a, b) => a.order - b.order);
  const kept = new RenderedSections(RENDERED_MAX_BYTES);

  r.get('/dashboard', async (req, res) => {
    const period = periodFromQuery(req.query);
    const query = periodQuery(period);
    // The page reads the sections' period figures from their snapshots (dashboard.snapshots.ts) and
    // reuses what it rendered of them (dashboard.rendered.ts); the CSVs compute them.
    const c: SectionContext = { ...context(ctx, req, period), snapshots: { mode: 'use' } };
    const html = await renderSections(req.app, c, ordered, query, kept);
    const parts = new PageParts();
    await parts.send(res, 'dashboard/index', {
      title: req.t('dashboard.title'),
      period, query,
      periodOptions: PERIOD_KINDS.map((k) => ({ value: k, label: req.t(`dashboard.period.${k}`), checked: k === period.kind })),
      sections: ordered.map((s, i) => ({ key: s.key, id: `dash-${s.key}`, title: req.t(s.title), html: parts.place(html[i]!) })),
    });
  });

  r.get('/dashboard/:section/:table.csv', async (req, res) => {
    const section = SECTIONS.find((s) => s.key === req.params.section);
    const table = section?.csv && Object.hasOwn(section.csv, String(req.params.table)) ? section.csv[String(req.params.table)] : undefined;
    if (!table) throw notFound();
    const period = periodFromQuery(req.query);
    const data = await table(context(ctx, req, period));
    res.type('text/csv; charset=utf-8')
      .attachment(`praxis-${req.params.section}-${req.params.table}-${period.from}-${period.to}.csv`)
      .send(csvDocument(data.header, data.rows));
  });
  return r;
}
