// /administrations (list and profile pages) and /admin/administrations (create, edit).
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { ADMINISTRATION_KINDS } from './administration.entity.js';
import { administrationsPolicy } from './administrations.policy.js';
import { findAdministration, listAdministrations, listMembers } from './administrations.queries.js';
import { administrationSchema } from './administrations.schemas.js';
import * as service from './administrations.service.js';
import { administrationOptions } from './administrations.views.js';
import { profileSections } from '../profile-sections.js';
import { SIZE_CLASSES, STATE_CODES } from './size-class.js';

const pick = (v: unknown, allowed: readonly string[]) => (typeof v === 'string' && allowed.includes(v) ? v : undefined);

export function administrationsRouter(ctx: AppContext): Router {
  const r = Router();

  r.get('/administrations', async (req, res) => {
    const filter = {
      state: pick(req.query.state, STATE_CODES),
      kind: pick(req.query.kind, ADMINISTRATION_KINDS),
      size: pick(req.query.size, SIZE_CLASSES),
      q: typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : undefined,
    };
    const page = pageFrom(req.query);
    const { rows, total } = await listAdministrations(ctx.ds, filter, page);
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<string, string>;
    res.render('administrations/list', {
      title: req.t('administrations.list.title'),
      administrations: rows,
      filter: query,
      total,
      ...administrationOptions(req),
      pagination: paginationView(page, total, '/administrations', query),
    });
  });

  r.get('/administrations/:slug', async (req, res) => {
    const a = await findAdministration(ctx.ds, String(req.params.slug));
    if (!a) throw notFound();
    const canSeeMembers = administrationsPolicy.canSeeMembers(req.user);
    res.render('administrations/show', {
      title: a.name,
      administration: a,
      canSeeMembers,
      members: canSeeMembers ? await listMembers(ctx.ds, a.id) : [],
      sections: await profileSections(ctx, 'administration', a.id, req.user),
      canEdit: administrationsPolicy.canManage(req.user),
    });
  });

  const formLocals = async (req: Request) => {
    const base = { ...administrationOptions(req) };
    if (!req.params.slug) return { ...base, title: req.t('administrations.form.newTitle'), action: '/admin/administrations' };
    const a = await findAdministration(ctx.ds, String(req.params.slug));
    if (!a) throw notFound();
    return {
      ...base,
      title: req.t('administrations.form.editTitle', { name: a.name }),
      action: `/admin/administrations/${a.slug}`,
      values: { ...a, domains: a.domains.join('\n'), population: a.population ?? '', ags: a.ags ?? '', website: a.website ?? '' },
    };
  };
  // Every administration, by name, a page at a time, with the name search of the public list
  // (a network can hold thousands: a fixed cap silently hid the rest).
  r.get('/admin/administrations', requireRole('admin'), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const page = pageFrom(req.query);
    const { rows, total } = await listAdministrations(ctx.ds, { q: q || undefined }, page);
    const query: Record<string, string> = q ? { q } : {};
    res.render('administrations/admin-list', {
      title: req.t('administrations.admin.title'), administrations: rows, filter: query, total,
      pagination: paginationView(page, total, '/admin/administrations', query),
    });
  });
  r.get('/admin/administrations/new', requireRole('admin'), async (req, res) => res.render('administrations/form', await formLocals(req)));
  r.post('/admin/administrations', requireRole('admin'), validateForm(administrationSchema, { view: 'administrations/form', locals: formLocals }), async (req, res) => {
    const slug = await service.createAdministration(ctx, req.user, formData<typeof administrationSchema>(req));
    req.flash('success', 'administrations.form.saved');
    res.redirect(303, `/administrations/${slug}`);
  });
  r.get('/admin/administrations/:slug/edit', requireRole('admin'), async (req, res) => res.render('administrations/form', await formLocals(req)));
  r.post('/admin/administrations/:slug', requireRole('admin'), validateForm(administrationSchema, { view: 'administrations/form', locals: formLocals }), async (req, res) => {
    const slug = await service.updateAdministration(ctx, req.user, String(req.params.slug), formData<typeof administrationSchema>(req));
    req.flash('success', 'administrations.form.saved');
    res.redirect(303, `/administrations/${slug}`);
  });

  return r;
}
