// Training videos (issue 18): a video of a guide chapter or an academy course, and its WebVTT tracks.
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const VIDEO_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];
export const TRACK_KINDS = ['captions', 'descriptions', 'chapters'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];

/** A video; `id` is a random UUID (its files' addresses carry it). Uploaded files live under uploadDir/media. */
@Entity('media_videos')
@Check('media_videos_kind_check', `kind IN ('upload', 'embed')`)
@Check('media_videos_status_check', `status IN ('pending', 'processing', 'ready', 'failed')`)
@Check('media_videos_parent_check', `(chapter_id IS NULL) <> (course_id IS NULL)`)
@Check('media_videos_required_check', `NOT required_for_course OR course_id IS NOT NULL`)
@Index('media_videos_chapter_idx', ['chapterId'])
@Index('media_videos_course_idx', ['courseId'])
export class MediaVideo {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('GuideChapter', { onDelete: 'CASCADE' }) chapterId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('Course', { onDelete: 'CASCADE' }) courseId!: number | null;
  @Column({ type: 'text', default: 'upload' }) kind!: 'upload' | 'embed';
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', unique: true, nullable: true }) storageKey!: string | null;
  @Column({ type: 'text', nullable: true }) contentType!: string | null;
  @Column({ type: 'bigint', nullable: true }) sizeBytes!: string | null;
  @Column({ type: 'text', nullable: true }) embedProvider!: string | null;
  @Column({ type: 'text', nullable: true }) embedUrl!: string | null;
  @Column({ type: 'text', default: 'pending' }) status!: VideoStatus;
  @Column({ type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ type: 'integer', nullable: true }) durationMs!: number | null;
  @Column({ type: 'integer', nullable: true }) width!: number | null;
  @Column({ type: 'integer', nullable: true }) height!: number | null;
  @Column({ type: 'text', nullable: true }) videoCodec!: string | null;
  @Column({ type: 'text', nullable: true }) posterKey!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  /** A course's video that must be watched to complete the course (src/modules/media/watching.service.ts). */
  @Column({ type: 'boolean', default: false }) requiredForCourse!: boolean;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) uploadedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A WebVTT track of a video, kept as text (captions are small); one per kind and language. */
@Entity('media_tracks')
@Check('media_tracks_kind_check', `kind IN ('captions', 'descriptions', 'chapters')`)
@Unique('media_tracks_video_kind_language_key', ['videoId', 'kind', 'language'])
export class MediaTrack {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'uuid' }) @ForeignKey('MediaVideo', { onDelete: 'CASCADE' }) videoId!: string;
  @Column({ type: 'text' }) kind!: TrackKind;
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'integer' }) cueCount!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) uploadedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
