// Timed comments on training videos (issue 18): a comment at a moment of a video, and members' flags on it.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A member's comment at `atMs` of a video; Markdown kept with its sanitised HTML (rendered on write). */
@Entity('media_video_comments')
@Check('media_video_comments_at_check', `at_ms >= 0`)
@Check('media_video_comments_language_check', `language IN ('de', 'en')`)
@Index('media_video_comments_video_idx', ['videoId', 'atMs'])
@Index('media_video_comments_author_idx', ['authorId'])
export class MediaVideoComment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'uuid' }) @ForeignKey('MediaVideo', { onDelete: 'CASCADE' }) videoId!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'integer' }) atMs!: number;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) hiddenById!: number | null;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
}

/** A member's report of a video comment, once per member and comment; resolved when a facilitator acts on it. */
@Entity('media_video_comment_flags')
export class MediaVideoCommentFlag {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('MediaVideoComment', { onDelete: 'CASCADE' }) commentId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
}
