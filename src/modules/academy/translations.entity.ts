import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { AcceptedText } from './grading.js';

/**
 * A quiz's title and intro in another content language. source_hash is the original's content_hash
 * it was written from (outdated when they differ); question_ids the original's questions its
 * question translations were matched to (by position).
 */
@Entity('academy_quiz_translations')
@Check('academy_quiz_translations_language_check', `language ~ '^[a-z]{2}$'`)
@Check('academy_quiz_translations_title_check', `char_length(title) BETWEEN 3 AND 200`)
export class QuizTranslation {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Quiz', { onDelete: 'CASCADE' }) quizId!: number;
  @PrimaryColumn({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) intro!: string;
  @Column({ type: 'text' }) contentHash!: string;
  @Column({ type: 'text', nullable: true }) sourceHash!: string | null;
  @Column({ type: 'integer', array: true, default: () => "'{}'" }) questionIds!: number[];
  /** Who saved it last in the academy editor (null: from a content file). */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) updatedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A question's texts in another language; choices maps the original's choice ids to their text. The key stays the original's. */
@Entity('academy_question_translations')
@Check('academy_question_translations_language_check', `language ~ '^[a-z]{2}$'`)
export class QuestionTranslation {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Question', { onDelete: 'CASCADE' }) questionId!: number;
  @PrimaryColumn({ type: 'text' }) language!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) textHtml!: string;
  @Column({ type: 'text', default: '' }) explanation!: string;
  @Column({ type: 'text', default: '' }) explanationHtml!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) choices!: Record<string, string>;
  @Column({ type: 'jsonb', default: () => "'[]'" }) accepted!: AcceptedText[];
  /** Per-answer feedback by the original's choice id (a choice without one shows the original's). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) choiceFeedback!: Record<string, string>;
  /** Numeric answers' feedback by the position of the original's answer (null: the original's). */
  @Column({ type: 'jsonb', default: () => "'[]'" }) rangeFeedback!: (string | null)[];
}

/** A course's title and summary in another content language; source_* hold the original's text it was translated from (outdated when they differ). */
@Entity('academy_course_translations')
@Check('academy_course_translations_language_check', `language ~ '^[a-z]{2}$'`)
@Check('academy_course_translations_title_check', `char_length(title) BETWEEN 3 AND 200`)
export class CourseTranslation {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Course', { onDelete: 'CASCADE' }) courseId!: number;
  @PrimaryColumn({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'text', default: '' }) summaryHtml!: string;
  @Column({ type: 'text' }) sourceTitle!: string;
  @Column({ type: 'text' }) sourceSummary!: string;
  /** Who saved it last in the academy editor (null: from the manifest). */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) updatedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
