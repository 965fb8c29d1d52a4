// The guide rows hold the PUBLISHED version (what readers see); pending edits live in revisions.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GuideSnapshot, GuideStatus, ReviewState, RevisionOrigin } from './guides.model.js';

@Entity('guides')
export class Guide {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'integer', nullable: true }) ownerId!: number | null;
  @Column({ type: 'text' }) status!: GuideStatus;
  @Column({ type: 'text' }) reviewState!: ReviewState;
  @Column({ type: 'integer' }) reviewIntervalMonths!: number;
  @Column({ type: 'date', nullable: true }) verifiedOn!: string | null;
  @Column({ type: 'date', nullable: true }) nextReviewOn!: string | null;
  @Column({ type: 'date', nullable: true }) remindedFor!: string | null;
  @Column({ type: 'text' }) language!: 'de' | 'en';
  @Column({ type: 'integer' }) sortOrder!: number;
  @Column({ type: 'text' }) source!: 'app' | 'file';
  @Column({ type: 'text', nullable: true }) sourceHash!: string | null;
  @Column({ type: 'text', nullable: true }) sourceRoot!: string | null;
  @Column({ type: 'integer', nullable: true }) publishedRevisionId!: number | null;
  @Column({ type: 'integer', nullable: true }) draftRevisionId!: number | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
}

@Entity('guide_chapters')
export class GuideChapter {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) guideId!: number;
  @Column({ type: 'text' }) uid!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'text', nullable: true }) sourceUrl!: string | null;
  @Column({ type: 'text', nullable: true }) sourceTitle!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('guide_revisions')
export class GuideRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) guideId!: number;
  @Column({ type: 'text', nullable: true }) chapterUid!: string | null;
  @Column({ type: 'integer', nullable: true }) authorId!: number | null;
  @Column({ type: 'text' }) origin!: RevisionOrigin;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'jsonb' }) snapshot!: GuideSnapshot;
  @Column({ type: 'text' }) status!: 'pending' | 'published' | 'changes_requested' | 'superseded';
  @Column({ type: 'integer', nullable: true }) reviewerId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reviewComment!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('guide_reads')
export class GuideRead {
  @Column({ type: 'integer', primary: true }) userId!: number;
  @Column({ type: 'integer', primary: true }) chapterId!: number;
  @Column({ type: 'timestamptz' }) readAt!: Date;
}
