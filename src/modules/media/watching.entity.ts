// Watching progress (issue 18): per member and video, the tenths of the video's duration the player
// reported as played (bit i = the i-th tenth), and when and how the video came to count as watched.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const WATCHED_VIA = ['played', 'declared'] as const;
export type WatchedVia = (typeof WATCHED_VIA)[number];

@Entity('media_watch_progress')
@Check('media_watch_progress_tenths_check', `tenths BETWEEN 0 AND 1023`)
@Check('media_watch_progress_via_check', `watched_via IN ('played', 'declared')`)
@Check('media_watch_progress_watched_check', `(watched_at IS NULL) = (watched_via IS NULL)`)
@Index('media_watch_progress_video_idx', ['videoId'])
export class MediaWatchProgress {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('MediaVideo', { onDelete: 'CASCADE' }) videoId!: string;
  /** A 10-bit mask: bit i is set once the i-th tenth of the duration was played. */
  @Column({ type: 'smallint', default: 0 }) tenths!: number;
  @Column({ type: 'timestamptz', nullable: true }) watchedAt!: Date | null;
  /** 'played': the player reported enough tenths; 'declared': the member pressed "mark as watched". */
  @Column({ type: 'text', nullable: true }) watchedVia!: WatchedVia | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
