// /notifications: the list, mark one read (and go to it), mark all read; the bell count on every page;
// the settings and unsubscribe pages (settings.routes.ts).
import { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { safeNext } from '../../web/middleware/locals.js';
import { sessionRead } from '../../web/session-row.js';
import { listNotifications, unreadCount, UNREAD_PATHS_MAX, UNREAD_PATHS_READ, UNREAD_READ, type NotificationRow } from './notifications.queries.js';
import * as service from './notifications.service.js';
import { parseId } from '../../shared/ids.js';
import { notificationSettingsRouter } from './settings.routes.js';
import { messageVars } from './notification-kinds.js';

/** The kind's message with its stored values; a value a message needs but an old notification lacks reads "an administration" and the like. */
function kindText(req: Request, n: NotificationRow): string {
  const defaults = { actor: n.actorName ?? req.t('accounts.member.former'), administration: req.t('notifications.someAdministration') };
  return req.t(`notifications.kind.${n.kind}`, { ...defaults, ...messageVars(req.lang, n.vars) });
}

/**
 * The bell: the unread count for signed-in members on every HTML page. Mounted through the module
 * contract's pageLocals, before any module's router, so pages of modules mounted earlier (/me,
 * /members, /administrations, /admin) have it too.
 */
export function bellLocals(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    res.locals.notificationsEnabled = true;
    if (req.user && req.method === 'GET') {
      // Usually read with the session already (UNREAD_READ); asked again only when it was not.
      const read = sessionRead(req, UNREAD_READ);
      let unread = typeof read === 'number' ? read : await unreadCount(ctx.ds, req.user.id);
      // Opening the thing a notification links to reads it: the bell on that page already counts it out.
      // Only when this page may be one of them: the statement's list of their pages, when complete,
      // spares the write on every other page view.
      const paths = sessionRead(req, UNREAD_PATHS_READ);
      const mayMatch = !Array.isArray(paths) || paths.length > UNREAD_PATHS_MAX || paths.includes(req.path);
      if (unread > 0 && mayMatch && req.accepts(['html', 'json']) === 'html' && req.path !== '/notifications') {
        unread -= await service.markReadByPath(ctx, req.user.id, req.path);
      }
      res.locals.unreadNotifications = unread;
    }
    next();
  };
}

export function notificationsRouter(ctx: AppContext): Router {
  const r = Router();

  r.use(notificationSettingsRouter(ctx));

  r.get('/notifications', requireUser, async (req, res) => {
    const page = pageFrom(req.query);
    const { rows, total } = await listNotifications(ctx.ds, req.user!.id, page.limit, page.offset);
    res.render('notifications/list', {
      title: req.t('notifications.title'),
      notifications: rows.map((n) => ({ ...n, kindKey: `notifications.kind.${n.kind}`, unread: !n.readAt, kindText: kindText(req, n) })),
      pagination: paginationView(page, total, '/notifications'),
    });
  });
  r.post('/notifications/read-all', requireUser, async (req, res) => {
    await service.markAllRead(ctx, req.user!.id);
    req.flash('success', 'notifications.allRead');
    res.redirect(303, '/notifications');
  });
  r.post('/notifications/:id/read', requireUser, async (req, res) => {
    const url = await service.markRead(ctx, req.user!.id, parseId(req.params.id) ?? 0);
    if (!url) throw notFound();
    res.redirect(303, req.body?.stay ? '/notifications' : safeNext(url, '/notifications'));
  });
  return r;
}
