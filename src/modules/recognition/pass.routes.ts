// The Kompetenzpass: /members/:handle/kompetenzpass (the member's portfolio of competences, seen
// as its visibility allows), its print view, the member's settings (visibility, share link) and
// the download of their Open Badges assertions; /kompetenzpass/:token opens a public pass by its
// share link. Whoever may not see a pass gets 404, so its existence is not revealed.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { findMemberByHandle, type MemberProfile } from '../accounts/index.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { sha256 } from '../../shared/identity.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { pointsOf } from './ledger.queries.js';
import { assertionsDownload } from './pass.assertions.js';
import { passPolicy } from './pass.policy.js';
import { passAssertions, passFacts, passOwnerByToken, passSettings, type PassAssertion, type PassSettings } from './pass.queries.js';
import { badgeByKey } from './badges.definitions.js';
import { microdegreeSummaries } from './microdegrees.queries.js';
import type { Lang } from '../../shared/i18n.js';
import { visibilitySchema } from './pass.schemas.js';
import { isShareTokenShaped, newPassShareLink, revokePassShareLink, setPassVisibility } from './pass.service.js';
import { passAreas, passAwards } from './pass.views.js';
import { PASS_VISIBILITIES } from './pass.entity.js';

const passPath = (handle: string) => `/members/${handle}/kompetenzpass`;

export function passRouter(ctx: AppContext): Router {
  const r = Router();

  const memberOf = async (req: Request): Promise<MemberProfile> => {
    const member = await findMemberByHandle(ctx.ds, String(req.params.handle));
    if (!member) throw notFound();
    return member;
  };

  /** The member and their settings, when the viewer may see the pass; 404 otherwise. */
  const visiblePass = async (req: Request) => {
    const member = await memberOf(req);
    const settings = await passSettings(ctx.ds, member.id);
    if (!passPolicy.canView(req.user, member.id, settings.visibility)) throw notFound();
    return { member, settings };
  };

  /** The settings forms are the member's: others are refused before the form is read. */
  const ownPass = async (req: Request, res: Response, next: NextFunction) => {
    const member = await memberOf(req);
    if (!passPolicy.canManage(req.user, member.id)) throw forbidden();
    res.locals.passMember = member;
    next();
  };

  /** The names of the member's badges (from their definitions) and micro-degrees (from the table). */
  const awardNames = async (assertions: PassAssertion[], lang: Lang) => {
    const degrees = await microdegreeSummaries(ctx.ds, assertions.filter((a) => a.kind === 'microdegree').map((a) => a.classKey));
    const names = new Map<string, string>();
    for (const a of assertions) {
      const name = a.kind === 'badge' ? badgeByKey(a.classKey)?.[lang].name : degrees.get(a.classKey)?.title;
      if (name) names.set(`${a.kind}:${a.classKey}`, name);
    }
    return names;
  };

  const passLocals = async (req: Request, member: MemberProfile, settings: PassSettings | null, o: { shared?: string; shareUrl?: string } = {}) => {
    const [points, facts, assertions] = await Promise.all([pointsOf(ctx.ds, member.id), passFacts(ctx.ds, member.id), passAssertions(ctx.ds, member.id)]);
    const own = !o.shared && passPolicy.canManage(req.user, member.id);
    const base = o.shared ? `/kompetenzpass/${o.shared}` : passPath(member.handle);
    return {
      title: req.t('recognition.pass.title', { name: member.name }),
      member: { name: member.name, handle: member.handle, jobTitle: member.jobTitle, language: member.language, administrationName: member.administrationName, administrationSlug: member.administrationSlug },
      points,
      areas: passAreas(facts, req.lang, req.t),
      awards: passAwards(assertions, req.t, await awardNames(assertions, req.lang)),
      empty: facts.length === 0 && assertions.length === 0,
      own,
      shared: !!o.shared,
      printHref: `${base}/print`,
      backHref: base,
      profileHref: o.shared ? null : `/members/${member.handle}`,
      settings: own && settings ? {
        action: passPath(member.handle),
        visibilities: PASS_VISIBILITIES.map((v) => ({ value: v, label: req.t(`recognition.pass.visibility.${v}.label`), hint: req.t(`recognition.pass.visibility.${v}.hint`) })),
        public: settings.visibility === 'public',
        hasLink: settings.hasLink || !!o.shareUrl,
        linkCreatedAt: o.shareUrl ? null : settings.linkCreatedAt,
        shareUrl: o.shareUrl ?? null,
      } : null,
      values: { visibility: settings?.visibility },
    };
  };

  const noStore = (res: Response) => res.set('Cache-Control', 'private, no-store').set('X-Robots-Tag', 'noindex');

  r.get('/members/:handle/kompetenzpass', async (req, res) => {
    const { member, settings } = await visiblePass(req);
    noStore(res).render('recognition/pass-show', await passLocals(req, member, settings));
  });
  r.get('/members/:handle/kompetenzpass/print', async (req, res) => {
    const { member, settings } = await visiblePass(req);
    noStore(res).render('recognition/pass-print', { ...(await passLocals(req, member, settings)), layout: 'print', today: new Date() });
  });
  r.get('/members/:handle/kompetenzpass/assertions.json', async (req, res) => {
    const member = await memberOf(req);
    if (!passPolicy.canManage(req.user, member.id)) throw notFound();
    const documents = await assertionsDownload(ctx.ds, ctx.config.baseUrl, member.id);
    noStore(res).type('application/json').attachment(`kompetenzpass-${member.handle}-assertions.json`).send(JSON.stringify(documents, null, 2));
  });

  // ---- the member's settings ----
  const formLocals = async (req: Request) => {
    const member = (req.res!.locals.passMember as MemberProfile | undefined) ?? (await memberOf(req));
    return passLocals(req, member, await passSettings(ctx.ds, member.id));
  };
  r.post('/members/:handle/kompetenzpass/visibility', requireUser, ownPass, validateForm(visibilitySchema, { view: 'recognition/pass-show', locals: formLocals }), async (req, res) => {
    const member = res.locals.passMember as MemberProfile;
    await setPassVisibility(ctx, req.user, member.id, formData<typeof visibilitySchema>(req).visibility);
    req.flash('success', 'recognition.pass.saved');
    res.redirect(303, passPath(member.handle));
  });
  // The new link is shown once, in this answer (only its digest is kept), as the calendar feed does.
  r.post('/members/:handle/kompetenzpass/link', requireUser, ownPass, async (req, res) => {
    const member = res.locals.passMember as MemberProfile;
    const token = await newPassShareLink(ctx, req.user, member.id);
    const locals = await passLocals(req, member, await passSettings(ctx.ds, member.id), { shareUrl: `${ctx.config.baseUrl}/kompetenzpass/${token}` });
    noStore(res).render('recognition/pass-show', locals);
  });
  r.post('/members/:handle/kompetenzpass/link/delete', requireUser, ownPass, async (req, res) => {
    const member = res.locals.passMember as MemberProfile;
    await revokePassShareLink(ctx, req.user, member.id);
    req.flash('success', 'recognition.pass.linkRevoked');
    res.redirect(303, passPath(member.handle));
  });

  // ---- a public pass by its share link ----
  const sharedPass = async (req: Request) => {
    const token = String(req.params.token);
    const owner = isShareTokenShaped(token) ? await passOwnerByToken(ctx.ds, sha256(token)) : null;
    const member = owner ? await findMemberByHandle(ctx.ds, owner.handle) : null;
    if (!member) throw notFound();
    return { member, token };
  };
  r.get('/kompetenzpass/:token', async (req, res) => {
    const { member, token } = await sharedPass(req);
    noStore(res).set('Referrer-Policy', 'no-referrer').render('recognition/pass-show', await passLocals(req, member, null, { shared: token }));
  });
  r.get('/kompetenzpass/:token/print', async (req, res) => {
    const { member, token } = await sharedPass(req);
    noStore(res).set('Referrer-Policy', 'no-referrer').render('recognition/pass-print', { ...(await passLocals(req, member, null, { shared: token })), layout: 'print', today: new Date() });
  });
  return r;
}
