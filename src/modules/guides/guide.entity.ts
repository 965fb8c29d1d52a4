// The guide rows hold the PUBLISHED version (what readers see); pending edits live in revisions.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { GuideSnapshot, GuideStatus, ReviewState, RevisionOrigin } from './guides.model.js';

@Entity('guides')
@Check('guides_status_check', `status IN ('draft', 'in_review', 'published', 'archived')`)
@Check('guides_review_state_check', `review_state IN ('none', 'in_review', 'changes_requested')`)
@Check('guides_review_interval_months_check', `review_interval_months BETWEEN 1 AND 60`)
@Check('guides_language_check', `language ~ '^[a-z]{2}$'`)
@Check('guides_translation_check', `translation_of_id IS DISTINCT FROM id`)
@Index('guides_translation_language_idx', ['translationOfId', 'language'], { unique: true, where: 'translation_of_id IS NOT NULL' })
@Check('guides_source_check', `source IN ('app', 'file')`)
@Index('guides_status_idx', ['status', 'sortOrder', 'title'])
@Index('guides_tags_idx', ['tags'], { type: 'gin' })
@Index('guides_review_idx', ['nextReviewOn'], { where: `status = 'published'` })
export class Guide {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) ownerId!: number | null;
  @Column({ type: 'text', default: 'draft' }) status!: GuideStatus;
  @Column({ type: 'text', default: 'none' }) reviewState!: ReviewState;
  @Column({ type: 'integer', default: 12 }) reviewIntervalMonths!: number;
  @Column({ type: 'date', nullable: true }) verifiedOn!: string | null;
  @Column({ type: 'date', nullable: true }) nextReviewOn!: string | null;
  @Column({ type: 'date', nullable: true }) remindedFor!: string | null;
  @Column({ type: 'text', default: 'de' }) language!: string;
  @Column({ type: 'integer', default: 100 }) sortOrder!: number;
  @Column({ type: 'text', default: 'app' }) source!: 'app' | 'file';
  @Column({ type: 'text', nullable: true }) sourceHash!: string | null;
  @Column({ type: 'text', nullable: true }) sourceRoot!: string | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('GuideRevision', { name: 'guides_published_revision_fk', onDelete: 'SET NULL' }) publishedRevisionId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('GuideRevision', { name: 'guides_draft_revision_fk', onDelete: 'SET NULL' }) draftRevisionId!: number | null;
  /** A translation: the original guide (null for originals). */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('Guide', { onDelete: 'CASCADE' }) translationOfId!: number | null;
  /** A translation: the original's published revision its published text was written from. */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('GuideRevision', { onDelete: 'SET NULL' }) sourceRevisionId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
}

@Entity('guide_chapters')
@Unique(['guideId', 'uid'])
@Unique(['guideId', 'slug'])
@Index('guide_chapters_source_idx', ['sourceUrl'], { where: 'source_url IS NOT NULL' })
export class GuideChapter {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Guide', { onDelete: 'CASCADE' }) guideId!: number;
  @Column({ type: 'text' }) uid!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) bodySource!: string;
  @Column({ type: 'text', default: '' }) bodyHtml!: string;
  @Column({ type: 'text', nullable: true }) sourceUrl!: string | null;
  @Column({ type: 'text', nullable: true }) sourceTitle!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('guide_revisions')
@Check('guide_revisions_origin_check', `origin IN ('app', 'file', 'restore', 'promote')`)
@Check('guide_revisions_status_check', `status IN ('pending', 'published', 'changes_requested', 'superseded')`)
// Newest first (id DESC): TypeORM indexes cannot state a column's order.
@Index('guide_revisions_guide_idx', { synchronize: false })
export class GuideRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Guide', { onDelete: 'CASCADE' }) guideId!: number;
  @Column({ type: 'text', nullable: true }) chapterUid!: string | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'text', default: 'app' }) origin!: RevisionOrigin;
  @Column({ type: 'text', default: '' }) message!: string;
  @Column({ type: 'jsonb' }) snapshot!: GuideSnapshot;
  @Column({ type: 'text', default: 'pending' }) status!: 'pending' | 'published' | 'changes_requested' | 'superseded';
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) reviewerId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reviewComment!: string | null;
  /** A translation's revision: the original's published revision it was written from. */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('GuideRevision', { onDelete: 'SET NULL' }) sourceRevisionId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('guide_reads')
@Index('guide_reads_chapter_idx', ['chapterId'])
export class GuideRead {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('GuideChapter', { onDelete: 'CASCADE' }) chapterId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) readAt!: Date;
}
