// /admin/webhooks: admins register endpoints (the secret shown once), edit, disable/enable, rotate
// the secret, send a test event, delete, and read each endpoint's delivery log. Other members get
// 404: the page's existence is not theirs to know.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { WEBHOOK_EVENT_TYPES } from './webhooks.model.js';
import { endpointSchema } from './webhooks.schemas.js';
import * as service from './webhooks.service.js';
import { deliveryLog, endpointById, listEndpoints } from './webhooks.store.js';
import { endpointView, logView } from './webhooks.views.js';

/** Signed-in admins pass (with two-factor sign-in, as on every admin page); other members get 404, visitors sign in. */
function adminsOnly(req: Request, res: Response, next: NextFunction) {
  requireUser(req, res, () => (req.user!.role === 'admin' ? requireRole('admin')(req, res, next) : next(notFound())));
}

export function webhooksRouter(ctx: AppContext): Router {
  const r = Router();
  const schema = endpointSchema(ctx.config.webhooksAllowLoopback);
  r.use('/admin/webhooks', adminsOnly);

  const idOf = (req: Request) => {
    const id = parseId(req.params.id);
    if (id === null) throw notFound();
    return id;
  };
  const formLocals = (req: Request) => ({
    eventOptions: WEBHOOK_EVENT_TYPES.map((value) => ({ value, label: `${value} – ${req.t(`webhooks.events.${value}`)}` })),
    networkOptions: [{ value: 'on', label: req.t('webhooks.fields.includeNetworkLabel') }],
    loopbackHint: ctx.config.webhooksAllowLoopback,
  });
  const showLocals = async (req: Request) => {
    const row = await endpointById(ctx.ds, idOf(req));
    if (!row) throw notFound();
    const endpoint = endpointView(req.t, req.lang, row, service.secretHintOf(ctx, row));
    return {
      title: req.t('webhooks.show.title'), endpoint, ...formLocals(req),
      values: { url: row.url, description: row.description, events: row.events, includeNetwork: row.includeNetwork ? 'on' : '' },
      log: (await deliveryLog(ctx.ds, row.id)).map((l) => logView(req.t, req.lang, l)),
    };
  };
  const secretPage = (req: Request, res: Response, id: number, secret: string, rotated: boolean) => {
    // Shown once, on this response; never cached, never in a URL.
    res.set('Cache-Control', 'no-store');
    res.status(201).render('webhooks/secret', { title: req.t(rotated ? 'webhooks.secret.rotatedTitle' : 'webhooks.secret.title'), id, secret, rotated });
  };

  r.get('/admin/webhooks', async (req, res) => {
    const rows = await listEndpoints(ctx.ds);
    res.render('webhooks/list', {
      title: req.t('webhooks.title'),
      endpoints: rows.map((row) => endpointView(req.t, req.lang, row, service.secretHintOf(ctx, row))),
      unencrypted: !ctx.config.secretsKey,
    });
  });
  r.get('/admin/webhooks/new', (req, res) => res.render('webhooks/new', { title: req.t('webhooks.new.title'), ...formLocals(req), values: { events: [] } }));
  r.post('/admin/webhooks', validateForm(schema, { view: 'webhooks/new', locals: (req) => ({ title: req.t('webhooks.new.title'), ...formLocals(req) }) }), async (req, res) => {
    const created = await service.createEndpoint(ctx, req.user!.id, formData<typeof schema>(req));
    secretPage(req, res, created.id, created.secret, false);
  });
  r.get('/admin/webhooks/:id', async (req, res) => res.render('webhooks/show', await showLocals(req)));
  r.post('/admin/webhooks/:id', validateForm(schema, { view: 'webhooks/show', locals: async (req) => { const l = await showLocals(req); return { ...l, values: undefined }; } }), async (req, res) => {
    const id = idOf(req);
    await service.updateEndpoint(ctx, req.user!.id, id, formData<typeof schema>(req));
    req.flash('success', 'webhooks.saved');
    res.redirect(303, `/admin/webhooks/${id}`);
  });
  const action = (path: string, run: (id: number, adminId: number) => Promise<void>, message: string) =>
    r.post(`/admin/webhooks/:id/${path}`, async (req, res) => {
      const id = idOf(req);
      await run(id, req.user!.id);
      req.flash('success', message);
      res.redirect(303, path === 'delete' ? '/admin/webhooks' : `/admin/webhooks/${id}`);
    });
  action('enable', (id, a) => service.setEndpointEnabled(ctx, a, id, true), 'webhooks.enabledFlash');
  action('disable', (id, a) => service.setEndpointEnabled(ctx, a, id, false), 'webhooks.disabledFlash');
  action('test', (id, a) => service.sendTestEvent(ctx, a, id), 'webhooks.testQueued');
  action('delete', (id, a) => service.deleteEndpoint(ctx, a, id), 'webhooks.deleted');
  r.post('/admin/webhooks/:id/rotate', async (req, res) => {
    const id = idOf(req);
    secretPage(req, res, id, await service.rotateSecret(ctx, req.user!.id, id), true);
  });

  return r;
}
