// /recognition: this month's and this year's most helpful members and most engaged administrations
// (members who agreed to be shown only), the opt-in question and its settings page, and the
// facilitators' CSV export. Checklist routes; the reads are in leaderboards.queries.ts.
import { Router, type Request } from 'express';
import type { AppContext, ProfileSectionLoader } from '../module.js';
import { now } from '../../shared/clock.js';
import { forbidden } from '../../shared/errors.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import * as q from './leaderboards.queries.js';
import { leaderboardsPolicy } from './leaderboards.policy.js';
import { leaderboardChoiceSchema } from './leaderboards.schemas.js';
import { setLeaderboardVisibility } from './leaderboards.service.js';
import { csvFileName, leaderboardCsv, noticeView, periodFrom, periodName } from './leaderboards.views.js';
import { rules } from './recognition.rules.js';

/** Places shown per table. */
const TOP = 10;
const BACK = { leaderboard: '/recognition', points: '/recognition/points', settings: '/recognition/settings' } as const;

const choiceKey = (choice: boolean | null) => (choice === null ? 'unanswered' : choice ? 'shown' : 'hidden');

export function leaderboardsRouter(ctx: AppContext): Router {
  const r = Router();

  // The points page (ledger.routes.ts) asks the opt-in question too; this runs before it.
  r.get('/recognition/points', async (req, res, next) => {
    if (req.user) res.locals.leaderboardsNotice = noticeView(await q.leaderboardChoiceOf(ctx.ds, req.user.id), 'points');
    next();
  });

  r.get('/recognition', async (req, res) => {
    const at = now();
    const names = leaderboardsPolicy.canSeeMembers(req.user);
    const [monthMembers, yearMembers, monthAdministrations, yearAdministrations, choice] = await Promise.all([
      names ? q.topMembers(ctx.ds, 'month', at, TOP) : [],
      names ? q.topMembers(ctx.ds, 'year', at, TOP) : [],
      q.topAdministrations(ctx.ds, 'month', at, TOP),
      q.topAdministrations(ctx.ds, 'year', at, TOP),
      req.user ? q.leaderboardChoiceOf(ctx.ds, req.user.id) : null,
    ]);
    const period = (key: q.Period, members: q.RankedMember[], administrations: q.RankedAdministration[]) =>
      ({ key, name: periodName(key, at, req.lang), members, administrations, csvHref: `/recognition/leaderboard.csv?period=${key}` });
    res.render('recognition/leaderboards-index', {
      title: req.t('recognition.leaderboards.title'),
      showMembers: names,
      canExport: leaderboardsPolicy.canExport(req.user),
      periods: [period('month', monthMembers, monthAdministrations), period('year', yearMembers, yearAdministrations)],
      notice: req.user ? noticeView(choice, 'leaderboard') : null,
      choice: req.user ? choiceKey(choice) : null,
      reasons: rules().reasons.map((x) => ({ label: x[req.lang], points: x.points, dailyCap: x.dailyCap })),
    });
  });

  r.get('/recognition/leaderboard.csv', requireUser, async (req, res) => {
    if (!leaderboardsPolicy.canExport(req.user)) throw forbidden();
    const period = periodFrom(req.query.period);
    const at = now();
    const list = await q.topMembers(ctx.ds, period, at, q.EXPORT_LIMIT);
    res.set('Cache-Control', 'private, no-store');
    res.type('text/csv; charset=utf-8').attachment(csvFileName(period, at)).send(leaderboardCsv(req, list));
  });

  const settingsLocals = async (req: Request) => {
    const choice = await q.leaderboardChoiceOf(ctx.ds, req.user!.id);
    return {
      title: req.t('recognition.leaderboards.settings.title'),
      choice: choiceKey(choice),
      values: { leaderboardVisible: choice === null ? '' : choice ? 'yes' : 'no' },
    };
  };
  r.get('/recognition/settings', requireUser, async (req, res) => res.render('recognition/leaderboards-settings', await settingsLocals(req)));
  r.post('/recognition/settings', requireUser, validateForm(leaderboardChoiceSchema, { view: 'recognition/leaderboards-settings', locals: settingsLocals }), async (req, res) => {
    const { leaderboardVisible, from } = formData<typeof leaderboardChoiceSchema>(req);
    await setLeaderboardVisibility(ctx, req.user, leaderboardVisible);
    req.flash('success', leaderboardVisible ? 'recognition.leaderboards.settings.savedShown' : 'recognition.leaderboards.settings.savedHidden');
    res.redirect(303, BACK[from]);
  });

  return r;
}

/** An administration's profile: its engagement this year (points and active members of those shown on leaderboards), use cases, adoptions. */
export const administrationEngagement: ProfileSectionLoader = async (ds, administrationId) => {
  const at = now();
  return { partial: 'recognition/leaderboards-administration', data: { ...(await q.engagementOf(ds, administrationId, at)), year: periodName('year', at, 'de') } };
};
