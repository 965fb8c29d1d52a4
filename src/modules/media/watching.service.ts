// "Required to complete the course" (issue 18): a facilitator marks a course's video as required;
// members' watching progress is recorded on the server from the player's checkpoints (or declared
// with "mark as watched"); when a video becomes watched, or a requirement goes away, an outbox row
// (watching.outbox.ts) asks the academy to issue the certificates that were only waiting for it.
// Progress is kept only for required videos: that is what it is for.
import type { DataSource } from 'typeorm';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { Queryable } from '../../db/sql.js';
import { conflict, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import type { Actor } from './media.policy.js';
import { managedVideo, watchableVideo } from './media.service.js';
import * as store from './media.store.js';
import { merge, NOT_STARTED, percentOf, coveredTenths, type WatchState } from './watching.model.js';
import * as watching from './watching.store.js';
import { queueCourseCheck } from './watching.outbox.js';

/**
 * The video whose progress a member may record: published, in a visible course they may see (404
 * otherwise, as for its file), and required by its course (409: nothing is recorded for other videos).
 */
async function trackableVideo(db: Queryable, actor: Actor | undefined, videoId: string): Promise<{ video: store.VideoRow & { courseId: number }; parent: store.Parent }> {
  const { video, parent } = await watchableVideo(db, actor, videoId);
  if (!video.publishedAt) throw notFound();
  if (video.courseId === null || !(await watching.isRequired(db, video.id))) throw conflict('media.watching.notRequired');
  return { video: video as store.VideoRow & { courseId: number }, parent };
}

export interface ProgressResult {
  covered: number;
  percent: number;
  watched: boolean;
  via: WatchState['watchedVia'];
  /** The course page. */
  parentUrl: string;
}

async function record(ds: DataSource, actor: Actor, videoId: string, report: { tenths?: number; declared?: boolean }): Promise<ProgressResult> {
  return inTransaction(ds, async (db) => {
    const { video, parent } = await trackableVideo(db, actor, videoId);
    const prev = (await watching.lockProgress(db, actor.id, video.id)) ?? NOT_STARTED;
    const { next, becameWatched } = merge(prev, report, new Date());
    await watching.saveProgress(db, actor.id, video.id, next);
    if (becameWatched) await queueCourseCheck(db, { courseId: video.courseId, userId: actor.id });
    return { covered: coveredTenths(next.tenths), percent: percentOf(next.tenths), watched: !!next.watchedAt, via: next.watchedVia, parentUrl: parent.url };
  });
}

/** The player's checkpoint: the tenths played so far (a 10-bit mask); merged, never lowered. */
export const recordCheckpoint = (ds: DataSource, actor: Actor, videoId: string, tenths: number) => record(ds, actor, videoId, { tenths });

/** "Mark as watched": recorded as declared by the member. */
export const markWatched = (ds: DataSource, actor: Actor, videoId: string) => record(ds, actor, videoId, { declared: true });

/**
 * Sets whether a course video is required (facilitators; audited). Only a course's own videos:
 * a chapter's video belongs to a guide that several courses may use. Lifting a requirement lets
 * members who had everything else complete the course; adding one leaves existing certificates be.
 */
export async function setRequired(ctx: AppContext, actor: Actor | undefined, videoId: string, required: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { video } = await managedVideo(db, actor, videoId, true);
    if (video.courseId === null) throw conflict('media.watching.onlyCourseVideos');
    if (!(await watching.setRequired(db, video.id, required))) return;
    if (!required) await queueCourseCheck(db, { courseId: video.courseId });
    await recordAudit(db, {
      actorId: actor!.id, action: required ? 'media_video.required' : 'media_video.unrequired', subjectType: 'media_video', subjectId: video.id, details: { title: video.title },
    });
  });
}
