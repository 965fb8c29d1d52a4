// Personal data in the media module: who uploaded a video or a track, the member's watching
// progress on required course videos, and timed comments. Videos are the network's curated training
// material (like guide revisions): at account deletion they stay, without the uploader; watching
// progress, a learning record like quiz attempts, is deleted. Timed comments are the member's
// contributions: kept (shown as "former member") or removed with the member's flags, as the member
// chooses; who hid a comment stays (moderation record, like the audit log).
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice } from '../module.js';
import { commentDataOfMember, deleteCommentsOfMember } from './comments.store.js';
import { forgetUploader, uploadsOfMember } from './media.store.js';
import { watchingOfMember, forgetWatching } from './watching.privacy.js';

export const mediaUserColumns = {
  'media_videos.uploaded_by_id': 'videosUploaded',
  'media_tracks.uploaded_by_id': 'tracksUploaded',
  'media_watch_progress.user_id': 'watching',
  'media_video_comments.author_id': 'videoComments',
  'media_video_comments.hidden_by_id': 'videoCommentsHidden',
  'media_video_comment_flags.user_id': 'videoCommentFlags',
};

export const exportMediaData = async (ds: DataSource, userId: number) => ({
  ...(await uploadsOfMember(ds, userId)),
  watching: await watchingOfMember(ds, userId),
  ...(await commentDataOfMember(ds, userId)),
});

export async function deleteMediaData(db: EntityManager, userId: number, contributions: ContributionsChoice = 'keep'): Promise<void> {
  await forgetUploader(db, userId);
  await forgetWatching(db, userId);
  if (contributions === 'remove') await deleteCommentsOfMember(db, userId);
}
