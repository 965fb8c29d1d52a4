// The guides' activity fact (src/shared/activity.ts): a chapter published, for its author (per
// guide and chapter uid, so a chapter removed and restored is the same fact), withdrawn when the
// chapter leaves the published guide or the guide is archived. The services track a guide's facts
// around publishing and archiving (trackGuideActivity) and publish the difference; activityHistory
// lists what holds today for the recognition backfill.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { activityFact, type ActivityEvent } from '../../shared/activity.js';
import { trackActivity } from '../../shared/activity-changes.js';
import { COMPETENCE_DEFAULTS, competencesOf } from '../../shared/competences.js';
import { publishedChapters, type PublishedChapterRow } from './activity.store.js';

const event = (c: PublishedChapterRow, actorId: number | null, at?: string): ActivityEvent => ({
  kind: 'guide.chapter_published', fact: activityFact('guide.chapter_published', c.guideId, c.uid), holds: true,
  beneficiaryId: c.authorId, actorId,
  item: { type: 'guide_chapter', id: c.chapterId, title: `${c.guideTitle} — ${c.chapterTitle}`, url: `/guides/${c.guideSlug}/${c.chapterSlug}` },
  competences: competencesOf(c.tags, COMPETENCE_DEFAULTS.guides), at,
});

/** Call before publishing or archiving a guide (holding its lock); `reviewerId` publishes; the returned function publishes what changed. */
export function trackGuideActivity(db: Queryable, guideId: number, reviewerId: number | null): Promise<() => Promise<void>> {
  return trackActivity(db, async () => (await publishedChapters(db, guideId)).map((c) => event(c, reviewerId)));
}

/** Every published chapter with a member as author, with its first reviewer and publication (the recognition backfill). */
export async function guidesActivityHistory(ds: DataSource): Promise<ActivityEvent[]> {
  return (await publishedChapters(ds, null)).map((c) => event(c, c.reviewerId, new Date(c.at).toISOString()));
}
