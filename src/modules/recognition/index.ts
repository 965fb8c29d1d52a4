// Recognition: the points ledger kept from other modules' activity events (src/shared/activity.ts),
// contribution badges, micro-degrees and the Kompetenzpass. No other module imports it.
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { RecognitionAssertion } from './assertion.entity.js';
import { LedgerEntry, RecognitionFact, RecognitionState } from './ledger.entity.js';
import { badgesOf } from './badges.queries.js';
import { badgesRouter } from './badges.routes.js';
import { backfillBadges, checkRankBadges, handleBadgeChecks } from './badges.service.js';
import { grantView } from './badges.views.js';
import { ledgerRouter } from './ledger.routes.js';
import { backfillLedger, handleActivity } from './ledger.service.js';
import { pointsOf } from './ledger.queries.js';
import { deleteRecognitionData, exportRecognitionData } from './recognition.privacy.js';
import { RECOGNITION_CHECK_TOPIC } from './recognition.topics.js';
import { ACTIVITY_TOPIC } from '../../shared/activity.js';

export const recognitionModule: PraxisModule = {
  name: 'recognition',
  entities: [RecognitionFact, LedgerEntry, RecognitionState, RecognitionAssertion],
  router: (ctx) => {
    const r = Router();
    r.use(ledgerRouter(ctx));
    r.use(badgesRouter(ctx));
    return r;
  },
  outboxHandlers: (ctx) => ({
    [ACTIVITY_TOPIC]: { batchSize: 50, handle: (messages) => handleActivity(ctx, messages) },
    // Badges (and micro-degrees once they exist) are checked here.
    [RECOGNITION_CHECK_TOPIC]: { batchSize: 20, handle: (messages) => handleBadgeChecks(ctx, messages) },
  }),
  // The first run fills the ledger from what already holds in the other modules, then grants the
  // badges it earns; every run grants the member-rank badges (pioneer) to new members.
  housekeeping: async (ctx) => (await backfillLedger(ctx)) + (await backfillBadges(ctx)) + (await checkRankBadges(ctx)),
  memberProfileSection: async (ds, userId, viewer) => {
    if (!viewer) return null;
    const [points, badges] = await Promise.all([pointsOf(ds, userId), badgesOf(ds, userId)]);
    const lang = viewer.language;
    return { partial: 'recognition/profile', data: { points, own: viewer.id === userId, badges: badges.map((g) => grantView(g, lang)).filter((g) => g.badge) } };
  },
  adminLinks: [{ href: '/recognition/badges', label: 'recognition.badges.adminLink' }],
  userColumns: {
    'recognition_facts.user_id': 'facts',
    'recognition_facts.actor_id': 'facts',
    'recognition_ledger.user_id': 'ledger',
    'recognition_assertions.user_id': 'assertions',
    'recognition_assertions.granted_by': 'assertionsGranted',
    'recognition_assertions.revoked_by': 'assertionsRevoked',
  },
  exportUserData: exportRecognitionData,
  deleteUserData: (db, member) => deleteRecognitionData(db, member.id),
};
