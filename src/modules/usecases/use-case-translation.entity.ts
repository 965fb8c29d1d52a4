import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A use case's title and summary in another content language (the report itself stays in the
 * original language). source_* hold the original's text it was translated from: outdated when they differ.
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
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
