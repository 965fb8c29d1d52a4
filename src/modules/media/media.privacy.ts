// Personal data in the media module: who uploaded a video or a track. Videos are the network's
// curated training material (like guide revisions): at account deletion they stay, without the uploader.
import type { DataSource, EntityManager } from 'typeorm';
import { forgetUploader, uploadsOfMember } from './media.store.js';

export const mediaUserColumns = {
  'media_videos.uploaded_by_id': 'videosUploaded',
  'media_tracks.uploaded_by_id': 'tracksUploaded',
};

export const exportMediaData = (ds: DataSource, userId: number) => uploadsOfMember(ds, userId);

export const deleteMediaData = (db: EntityManager, userId: number) => forgetUploader(db, userId);
