// Media: training videos on guide chapters and academy courses (issue 18) — uploads checked by
// content, processed by the worker (ffprobe, poster), WebVTT captions required before publishing,
// files streamed with range requests to those who may see the chapter or course; members' timed
// comments below the player (comments.*.ts), moderated like other comments; required course videos
// and members' watching progress (watching.*.ts).
import { Router } from 'express';
import type { PraxisModule } from '../module.js';
import { MediaVideoComment, MediaVideoCommentFlag } from './comments.entity.js';
import { commentsRouter } from './comments.routes.js';
import { MediaTrack, MediaVideo } from './media.entity.js';
import { deleteMediaData, exportMediaData, mediaUserColumns } from './media.privacy.js';
import { loadMediaDemo } from './media.demo.js';
import { mediaRouter } from './media.routes.js';
import { PROCESS_TOPIC, processMessages } from './media.service.js';
import { chapterVideoSource, courseVideoSource, videoParentIds } from './media.search.js';
import { MediaWatchProgress } from './watching.entity.js';
import { watchingRouter } from './watching.routes.js';

export { playerBlock, type PlayerBlock } from './media.queries.js';
export { courseMedia, playerFor } from './media.player.js';
export { MediaVideo, MediaTrack };
// Courses that require watching a video: the course page's block, course completion, and the outbox
// topic the academy handles when requirements may have been met (watching.outbox.ts).
export type { CourseWatching } from './watching.views.js';
export { coursesWithUnwatchedVideos } from './watching.store.js';
export { COURSE_VIDEOS_TOPIC, type CourseVideosMessage } from './watching.outbox.js';

export const mediaModule: PraxisModule = {
  name: 'media',
  entities: [MediaVideo, MediaTrack, MediaWatchProgress, MediaVideoComment, MediaVideoCommentFlag],
  router: (ctx) => Router().use(mediaRouter(ctx), watchingRouter(ctx), commentsRouter(ctx)),
  // One video at a time: ffprobe and ffmpeg take seconds, well inside the outbox lease.
  outboxHandlers: (ctx) => ({ [PROCESS_TOPIC]: { batchSize: 1, handle: (messages) => processMessages(ctx, messages) } }),
  // A generated demo video and an embed on a demo guide chapter (after the content sync has imported the guides).
  loadDemoActivity: (ctx) => loadMediaDemo(ctx),
  // Published videos in search: title, description and transcript, per chapter / course (media.search.ts).
  searchSources: { chapter_video: chapterVideoSource, course_video: courseVideoSource },
  // A chapter's or course's change (archived, unpublished, deleted, published) re-reads its video document.
  searchDependents: { guide_chapter: ['chapter_video'], course: ['course_video'] },
  searchIds: { chapter_video: videoParentIds('chapter'), course_video: videoParentIds('course') },
  userColumns: mediaUserColumns,
  exportUserData: exportMediaData,
  deleteUserData: (db, member, contributions) => deleteMediaData(db, member.id, contributions),
  // Flagged timed comments (the moderation queue).
  adminLinks: [{ href: '/media/comments/flags', label: 'mediaComments.adminLinks.flags' }],
};
