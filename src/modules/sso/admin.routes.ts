// /admin/sso: admins set up each administration's OpenID provider (the secret is never shown again).
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { CALLBACK_PATH } from './oidc.client.js';
import { administrationBySlug, allAdministrations, allProviders, providerOf } from './sso.queries.js';
import { settingsSchema } from './sso.schemas.js';
import { removeSettings, saveSettings } from './sso.service.js';

export function ssoAdminRouter(ctx: AppContext): Router {
  const r = Router();
  const admin = requireRole('admin');
  const keyNotice = (req: Request) =>
    !ctx.config.secretsKey ? { kind: 'warning', text: req.t('sso.admin.noKey') } : ctx.config.secretsKeyDerived ? { kind: 'info', text: req.t('sso.admin.derivedKey') } : undefined;

  r.get('/admin/sso', admin, async (req, res) => {
    const providers = await allProviders(ctx.ds);
    res.render('sso/admin-list', {
      title: req.t('sso.admin.title'), notice: keyNotice(req), providers,
      administrationOptions: (await allAdministrations(ctx.ds)).map((a) => ({ value: a.slug, label: a.name })),
    });
  });
  r.get('/admin/sso/configure', admin, (req, res) => {
    const slug = typeof req.query.administration === 'string' ? req.query.administration : '';
    res.redirect(303, slug ? `/admin/sso/${encodeURIComponent(slug)}` : '/admin/sso');
  });

  const editLocals = async (req: Request) => {
    const administration = await administrationBySlug(ctx.ds.manager, String(req.params.slug));
    if (!administration) throw notFound();
    const row = await providerOf(ctx.ds.manager, administration.id);
    return {
      title: req.t('sso.admin.editTitle', { administration: administration.name }), administration, notice: keyNotice(req), configured: !!row,
      redirectUri: `${ctx.config.baseUrl}${CALLBACK_PATH}`, postLogoutUri: `${ctx.config.baseUrl}/`,
      enabledOptions: [{ value: 'yes', label: req.t('sso.admin.enabledYes') }, { value: 'no', label: req.t('sso.admin.enabledNo') }],
      values: row
        ? { issuerUrl: row.issuerUrl, clientId: row.clientId, allowedDomains: row.allowedDomains.join(', '), departmentClaim: row.departmentClaim ?? '', enabled: row.enabled ? 'yes' : 'no' }
        : { enabled: 'no' },
    };
  };
  r.get('/admin/sso/:slug', admin, async (req, res) => res.render('sso/admin-edit', await editLocals(req)));
  r.post('/admin/sso/:slug', admin, validateForm(settingsSchema, { view: 'sso/admin-edit', locals: editLocals }), async (req, res) => {
    const administration = await administrationBySlug(ctx.ds.manager, String(req.params.slug));
    if (!administration) throw notFound();
    await saveSettings(ctx, req.user, administration.id, formData<typeof settingsSchema>(req));
    req.flash('success', 'sso.admin.saved');
    res.redirect(303, '/admin/sso');
  });
  r.post('/admin/sso/:slug/delete', admin, async (req, res) => {
    const administration = await administrationBySlug(ctx.ds.manager, String(req.params.slug));
    if (!administration) throw notFound();
    await removeSettings(ctx, req.user, administration.id);
    req.flash('success', 'sso.admin.removed');
    res.redirect(303, '/admin/sso');
  });
  return r;
}
