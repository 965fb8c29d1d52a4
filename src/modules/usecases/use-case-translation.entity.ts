import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A use case's title, summary and narrative sections in another content language, as approved (readers
 * see it). source_* hold the original's text it was translated from: outdated when they differ (for the
 * sections, only those translated count; an untranslated section is shown in the original).
 */
@Entity('use_case_translations')
@Check('use_case_translations_language_check', `language ~ '^[a-z]{2}$'`)
@Check('use_case_translations_title_check', `char_length(title) BETWEEN 3 AND 200`)
@Check('use_case_translations_summary_check', `char_length(summary) <= 300`)
export class UseCaseTranslation {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @PrimaryColumn({ type: 'text' }) language!: string;
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
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
