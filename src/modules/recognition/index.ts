// Recognition: the points ledger kept from other modules' activity events (src/shared/activity.ts),
// contribution badges, micro-degrees and the Kompetenzpass. No other module imports it.
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { RecognitionAssertion } from './assertion.entity.js';
import { LedgerEntry, RecognitionFact, RecognitionState } from './ledger.entity.js';
import { badgesOf } from './badges.queries.js';
import { badgesRouter } from './badges.routes.js';
import { backfillBadges, checkRankBadges } from './badges.service.js';
import { grantView } from './badges.views.js';
import { ledgerRouter } from './ledger.routes.js';
import { RecognitionPassSettings } from './pass.entity.js';
import { passHrefFor } from './pass.queries.js';
import { passRouter } from './pass.routes.js';
import { administrationEngagement, leaderboardsRouter } from './leaderboards.routes.js';
import { loadDemoLeaderboards } from './leaderboards.demo.js';
import { RecognitionPreference } from './preference.entity.js';
import { Microdegree } from './microdegree.entity.js';
import { microdegreesRouter } from './microdegrees.routes.js';
import { loadDemoMicrodegrees } from './microdegrees.service.js';
import { backfillLedger, handleActivity } from './ledger.service.js';
import { pointsOf } from './ledger.queries.js';
import { deleteRecognitionData, exportRecognitionData } from './recognition.privacy.js';
import { RECOGNITION_BACKFILL_TOPIC, RECOGNITION_CHECK_TOPIC } from './recognition.topics.js';
import { ACTIVITY_TOPIC } from '../../shared/activity.js';
import { handleRecognitionChecks } from './recognition.checks.js';

export const recognitionModule: PraxisModule = {
  name: 'recognition',
  entities: [RecognitionFact, LedgerEntry, RecognitionState, RecognitionAssertion, RecognitionPassSettings, RecognitionPreference, Microdegree],
  router: (ctx) => {
    const r = Router();
    r.use(leaderboardsRouter(ctx)); // before the ledger's: it adds the opt-in question to /recognition/points
    r.use(ledgerRouter(ctx));
    r.use(passRouter(ctx));
    r.use(microdegreesRouter(ctx));
    r.use(badgesRouter(ctx));
    return r;
  },
  outboxHandlers: (ctx) => ({
    [ACTIVITY_TOPIC]: { batchSize: 50, handle: (messages) => handleActivity(ctx, messages) },
    // A member's facts changed: first the badges, then the micro-degrees (which may require a badge).
    // Once per database (queued by a migration): the ledger from what already holds in the other
    // modules, then the badges it earns.
    [RECOGNITION_BACKFILL_TOPIC]: { batchSize: 1, handle: async () => { await backfillLedger(ctx); await backfillBadges(ctx); } },
    [RECOGNITION_CHECK_TOPIC]: { batchSize: 20, handle: (messages) => handleRecognitionChecks(ctx, messages) },
  }),
  // Every run grants the member-rank badges (pioneer) to early members who have no fact yet.
  housekeeping: (ctx) => checkRankBadges(ctx),
  loadDemo: async (ctx) => {
    await loadDemoMicrodegrees(ctx);
    await loadDemoLeaderboards(ctx);
  },
  adminLinks: [
    { href: '/recognition/badges', label: 'recognition.badges.adminLink' },
    { href: '/recognition/microdegrees/manage', label: 'recognition.microdegrees.manage.title' },
  ],
  memberProfileSection: async (ds, userId, viewer) => {
    if (!viewer) return null;
    const [points, badges, passHref] = await Promise.all([pointsOf(ds, userId), badgesOf(ds, userId), passHrefFor(ds, userId, viewer)]);
    const lang = viewer.language;
    return { partial: 'recognition/profile', data: { points, own: viewer.id === userId, passHref, badges: badges.map((g) => grantView(g, lang)).filter((g) => g.badge) } };
  },
  administrationProfileSection: administrationEngagement,
  userColumns: {
    'recognition_facts.user_id': 'facts',
    'recognition_facts.actor_id': 'facts',
    'recognition_ledger.user_id': 'ledger',
    'recognition_assertions.user_id': 'assertions',
    'recognition_assertions.granted_by': 'assertionsGranted',
    'recognition_assertions.revoked_by': 'assertionsRevoked',
    'recognition_pass_settings.user_id': 'passSettings',
    'recognition_preferences.user_id': 'preferences',
    'recognition_microdegrees.created_by': 'microdegreesCreated',
  },
  exportUserData: exportRecognitionData,
  deleteUserData: (db, member) => deleteRecognitionData(db, member.id),
};
