import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One text of a use case's translation (title, summary and narrative sections in a content language): its history.
 * Written in the app it is pending until a second person approves it (four eyes); content files are
 * trusted (origin 'file', approved). source_* hold the original's title, summary and (translated) sections it was written from.
 * The approved text readers see is copied to use_case_translations.
 */
@Entity('use_case_translation_revisions')
@Check('use_case_translation_revisions_language_check', `language ~ '^[a-z]{2}$'`)
@Check('use_case_translation_revisions_title_check', `char_length(title) BETWEEN 3 AND 200`)
@Check('use_case_translation_revisions_summary_check', `char_length(summary) <= 300`)
@Check('use_case_translation_revisions_origin_check', `origin IN ('app', 'file')`)
@Check('use_case_translation_revisions_status_check', `status IN ('pending', 'approved', 'refused', 'superseded')`)
@Check('use_case_translation_revisions_note_check', `char_length(review_note) <= 500`)
@Index('use_case_translation_revisions_pending_key', ['useCaseId', 'language'], { unique: true, where: `status = 'pending'` })
@Index('use_case_translation_revisions_case_idx', ['useCaseId', 'language', 'id'])
@Index('use_case_translation_revisions_author_idx', ['authorId'])
@Index('use_case_translation_revisions_reviewer_idx', ['reviewedById'])
export class UseCaseTranslationRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) sourceTitle!: string;
  @Column({ type: 'text' }) sourceSummary!: string;
  /** Markdown per translated narrative section (a section missing: readers see the original's). */
  @Column({ type: 'jsonb', default: {} }) narrative!: Record<string, string>;
  /** Sanitised HTML per translated section, rendered on write with the original's renderer. */
  @Column({ type: 'jsonb', default: {} }) narrativeHtml!: Record<string, string>;
  /** The original's sections it was translated from (only those translated): outdated when one differs. */
  @Column({ type: 'jsonb', default: {} }) sourceNarrative!: Record<string, string>;
  @Column({ type: 'text', default: 'app' }) origin!: 'app' | 'file';
  @Column({ type: 'text', default: 'pending' }) status!: 'pending' | 'approved' | 'refused' | 'superseded';
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) reviewedById!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ type: 'text', default: '' }) reviewNote!: string;
}
