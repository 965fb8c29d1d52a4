// Personal data in the media module: who uploaded a video or a track, and the member's watching
// progress on required course videos. Videos are the network's curated training material (like
// guide revisions): at account deletion they stay, without the uploader; watching progress, a
// learning record like quiz attempts, is deleted.
import type { DataSource, EntityManager } from 'typeorm';
import { forgetUploader, uploadsOfMember } from './media.store.js';
import { watchingOfMember, forgetWatching } from './watching.privacy.js';

export const mediaUserColumns = {
  'media_videos.uploaded_by_id': 'videosUploaded',
  'media_tracks.uploaded_by_id': 'tracksUploaded',
  'media_watch_progress.user_id': 'watching',
};

export const exportMediaData = async (ds: DataSource, userId: number) => ({ ...(await uploadsOfMember(ds, userId)), watching: await watchingOfMember(ds, userId) });

export const deleteMediaData = async (db: EntityManager, userId: number) => {
  await forgetUploader(db, userId);
  await forgetWatching(db, userId);
};
