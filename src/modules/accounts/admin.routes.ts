// Operator and facilitator pages under /admin: the overview, the approval queue, users and
// roles, the audit log.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { auditEntryView, listAudit } from '../audit/index.js';
import { accountsPolicy } from './accounts.policy.js';
import { administrationOptions, listPendingRegistrations, listUsers, pendingRegistrationCount } from './accounts.queries.js';
import * as schemas from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import { ROLES } from '../../shared/identity.js';
import { parseId } from '../../shared/ids.js';

/** The numeric :id of a route; anything else (or beyond an integer column) is a 404, not a database error. */
function idParam(req: Request): number {
  const id = parseId(req.params.id);
  if (id === null) throw notFound();
  return id;
}

export function adminRouter(ctx: AppContext): Router {
  const r = Router();

  r.get('/admin', requireRole('facilitator'), async (req, res) => {
    const pending = await pendingRegistrationCount(ctx.ds);
    // Every module's facilitator pages (the modules of the context, in registry order).
    const moduleLinks = ctx.modules.flatMap((m) => m.adminLinks ?? []).filter((l) => !l.roles || l.roles.includes(req.user!.role));
    res.render('admin/index', { title: req.t('admin.title'), pending, isAdmin: req.user!.role === 'admin', moduleLinks });
  });

  const approvalsLocals = async () => {
    const [pending, administrations] = await Promise.all([
      listPendingRegistrations(ctx.ds),
      administrationOptions(ctx.ds),
    ]);
    return { pending, administrations };
  };
  r.get('/admin/approvals', requireRole('facilitator'), async (req, res) => {
    res.render('admin/approvals', { title: req.t('admin.approvals.title'), ...(await approvalsLocals()) });
  });
  r.post('/admin/approvals/:id/approve', requireRole('facilitator'),
    validateForm(schemas.approveSchema, { view: 'admin/approvals', locals: async (req) => ({ title: req.t('admin.approvals.title'), ...(await approvalsLocals()), errorRow: idParam(req) }) }),
    async (req, res) => {
      await accounts.approveRegistration(ctx, req.user, idParam(req), formData<typeof schemas.approveSchema>(req).administrationId);
      req.flash('success', 'admin.approvals.approved');
      res.redirect(303, '/admin/approvals');
    });
  r.post('/admin/approvals/:id/reject', requireRole('facilitator'),
    validateForm(schemas.rejectSchema, { view: 'admin/approvals', locals: async (req) => ({ title: req.t('admin.approvals.title'), ...(await approvalsLocals()), errorRow: idParam(req) }) }),
    async (req, res) => {
      await accounts.rejectRegistration(ctx, req.user, idParam(req), formData<typeof schemas.rejectSchema>(req).reason);
      req.flash('success', 'admin.approvals.rejected');
      res.redirect(303, '/admin/approvals');
    });

  const usersLocals = async (req: Request) => {
    if (!accountsPolicy.canListUsers(req.user)) throw forbidden();
    const page = pageFrom(req.query);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const role = typeof req.query.role === 'string' && (ROLES as readonly string[]).includes(req.query.role) ? req.query.role : '';
    const { rows, total } = await listUsers(ctx.ds, page, { q, role });
    return {
      title: req.t('admin.users.title'),
      users: rows.map((u) => ({ ...u, roleOptions: ROLES.map((value) => ({ value, label: req.t(`roles.${value}`), selected: value === u.role })) })),
      filter: { q, role },
      roleOptions: ROLES.map((value) => ({ value, label: req.t(`roles.${value}`) })),
      pagination: paginationView(page, total, '/admin/users', { ...(q ? { q } : {}), ...(role ? { role } : {}) }),
      // The row forms post with the list's query, so a refused change shows the same page again.
      listQuery: new URLSearchParams({ ...(q ? { q } : {}), ...(role ? { role } : {}), ...(page.page > 1 ? { page: String(page.page) } : {}) }).toString(),
    };
  };
  r.get('/admin/users', requireRole('admin'), async (req, res) => res.render('admin/users', await usersLocals(req)));
  r.post('/admin/users/:id/role', requireRole('admin'), validateForm(schemas.roleSchema, { view: 'admin/users', locals: async (req) => ({ ...(await usersLocals(req)), errorRow: idParam(req) }) }), async (req, res) => {
    const { role, reason } = formData<typeof schemas.roleSchema>(req);
    await accounts.changeRole(ctx, req.user, idParam(req), role, reason);
    req.flash('success', 'admin.users.roleChanged');
    const back = new URLSearchParams(
      Object.entries(req.query).filter((e): e is [string, string] => ['q', 'role', 'page'].includes(e[0]) && typeof e[1] === 'string'),
    ).toString();
    res.redirect(303, `/admin/users${back ? `?${back}` : ''}`);
  });

  r.get('/admin/audit', requireRole('admin'), async (req, res) => {
    if (!accountsPolicy.canReadAuditLog(req.user)) throw forbidden();
    const page = pageFrom(req.query, 50);
    const action = typeof req.query.action === 'string' ? req.query.action.slice(0, 60) : undefined;
    const { rows, total } = await listAudit(ctx.ds, page, { action });
    res.render('admin/audit', {
      title: req.t('admin.audit.title'),
      entries: rows.map((e) => auditEntryView(req.t, req.lang, e)),
      pagination: paginationView(page, total, '/admin/audit', action ? { action } : {}),
    });
  });

  return r;
}
