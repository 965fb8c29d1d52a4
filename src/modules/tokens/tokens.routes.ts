// /me/tokens: the member's personal access tokens — list, create (the token shown once), revoke.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { parseId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { EXPIRIES, SCOPES } from './tokens.model.js';
import { createTokenSchema } from './tokens.schemas.js';
import { createToken, revokeOwnToken, revokeTokenAsAdmin } from './tokens.service.js';
import { activeTokens, tokensOf } from './tokens.store.js';
import { tokenView } from './tokens.views.js';

export function tokensRouter(ctx: AppContext): Router {
  const r = Router();

  const listLocals = async (req: Request) => ({
    title: req.t('tokens.title'),
    tokens: (await tokensOf(ctx.ds, req.user!.id)).map((row) => tokenView(req.t, req.lang, row)),
    scopeOptions: SCOPES.map((value) => ({ value, label: req.t(`tokens.scopes.${value}.label`), hint: req.t(`tokens.scopes.${value}.hint`) })),
    expiryOptions: EXPIRIES.map((value) => ({ value, label: req.t(`tokens.expiry.${value}`) })),
    values: { scopes: ['read:public'], expiry: '90' },
  });

  r.get('/me/tokens', requireUser, async (req, res) => res.render('tokens/list', await listLocals(req)));
  r.post('/me/tokens', requireUser, validateForm(createTokenSchema, { view: 'tokens/list', locals: listLocals }), async (req, res) => {
    const created = await createToken(ctx, req.user!.id, formData<typeof createTokenSchema>(req));
    // Shown once, on this response; only the hash is stored. Never cached, never in a redirect URL.
    res.set('Cache-Control', 'no-store');
    res.status(201).render('tokens/created', {
      title: req.t('tokens.created.title'), token: created.token, name: created.name,
      feedExample: `${ctx.config.baseUrl}/feeds/use-cases.atom?token=${created.token}`,
    });
  });
  r.post('/me/tokens/:id/revoke', requireUser, async (req, res) => {
    const id = parseId(req.params.id);
    if (id === null) throw notFound();
    await revokeOwnToken(ctx, req.user!.id, id);
    req.flash('success', 'tokens.revoked');
    res.redirect(303, '/me/tokens');
  });


  // --- admins: every working token, revocable ---------------------------------------------------
  r.get('/admin/tokens', requireRole('admin'), async (req, res) => {
    const page = pageFrom(req.query);
    const { rows, total } = await activeTokens(ctx.ds, page);
    res.render('tokens/admin', {
      title: req.t('tokens.admin.title'), total,
      tokens: rows.map((row) => ({ ...tokenView(req.t, req.lang, row), memberName: row.memberName, memberHandle: row.memberHandle })),
      pagination: paginationView(page, total, '/admin/tokens'),
    });
  });
  r.post('/admin/tokens/:id/revoke', requireRole('admin'), async (req, res) => {
    const id = parseId(req.params.id);
    if (id === null) throw notFound();
    await revokeTokenAsAdmin(ctx, req.user!.id, id);
    req.flash('success', 'tokens.revoked');
    res.redirect(303, '/admin/tokens');
  });

  return r;
}
