// The one outbox topic of watching requirements: a course's video requirements may now be met —
// by one member (a video became watched), or by anyone (a requirement was lifted, or a required
// video unpublished or deleted). The academy handles it: it issues the certificates that were only
// waiting for the videos (media cannot import the academy; the academy imports media's index).
import type { Queryable } from '../../db/sql.js';
import { addToOutbox } from '../../shared/outbox.js';
import type { VideoRow } from './media.store.js';
import { isRequired } from './watching.store.js';

export const COURSE_VIDEOS_TOPIC = 'media.course_videos';

export interface CourseVideosMessage {
  courseId: number;
  /** The member whose requirements may be met; absent: every member of the course. */
  userId?: number;
}

export async function queueCourseCheck(db: Queryable, m: CourseVideosMessage): Promise<void> {
  await addToOutbox(db, COURSE_VIDEOS_TOPIC, m, { key: `media-course:${m.courseId}` });
}

/** Before a video is unpublished or deleted: a required one no longer holds anyone back. */
export async function requirementMayGo(db: Queryable, video: Pick<VideoRow, 'id' | 'courseId'>): Promise<void> {
  if (video.courseId !== null && (await isRequired(db, video.id))) await queueCourseCheck(db, { courseId: video.courseId });
}
