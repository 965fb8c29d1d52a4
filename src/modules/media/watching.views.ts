// What the course page shows of its required videos (called by the academy's course page through
// media's index): each published required video with the member's state — watched (played or
// declared) or not yet, with the share of its duration played — and the addresses the player
// script and the "mark as watched" form post to. Visitors see the list without a state.
import type { Queryable } from '../../db/sql.js';
import type { Actor } from './media.policy.js';
import { videoUrl } from './media.queries.js';
import { coveredTenths, percentOf, TENTHS } from './watching.model.js';
import { isRequired, requiredVideosOf, watchedCounts } from './watching.store.js';

export interface CourseWatching {
  videos: {
    id: string;
    title: string;
    /** The player's element id on the page (views/partials/media/player.hbs). */
    domId: string;
    /** An embed reports no progress: only "mark as watched". */
    isEmbed: boolean;
    watched: boolean;
    declared: boolean;
    covered: number;
    percent: number;
    progressAction: string;
    markAction: string;
  }[];
  signedIn: boolean;
  allWatched: boolean;
  tenths: number;
  /** The course's language (lang on the titles). */
  language: string;
}

/** The course's required videos for this reader; null when the course requires none. */
export async function courseWatching(db: Queryable, actor: Actor | undefined, courseId: number, language: string): Promise<CourseWatching | null> {
  const list = await requiredVideosOf(db, courseId, actor?.id ?? null);
  if (!list.length) return null;
  const videos = list.map((v) => ({
    id: v.id, title: v.title, domId: `video-${v.id}`, isEmbed: v.kind === 'embed',
    watched: !!v.watchedAt, declared: v.watchedVia === 'declared',
    covered: coveredTenths(v.tenths), percent: percentOf(v.tenths),
    progressAction: `${videoUrl(v.id)}/progress`, markAction: `${videoUrl(v.id)}/watched`,
  }));
  return { videos, signedIn: !!actor, allWatched: !!actor && videos.every((v) => v.watched), tenths: TENTHS, language };
}

export interface VideoRequirement {
  required: boolean;
  /** Members who have watched it, and how many of them declared it. */
  watched: number;
  declared: number;
  action: string;
}

/** The "required to complete the course" section of a course video's facilitator page; null for a chapter's video. */
export async function videoRequirement(db: Queryable, video: { id: string; courseId: number | null }): Promise<VideoRequirement | null> {
  if (video.courseId === null) return null;
  return { required: await isRequired(db, video.id), ...(await watchedCounts(db, video.id)), action: `${videoUrl(video.id)}/required` };
}
