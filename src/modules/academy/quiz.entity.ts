import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AcceptedText, Choice, NumericRange, QuestionKind } from './grading.js';

/** A quiz and its rules; its questions are in Question. */
@Entity('academy_quizzes')
@Check('academy_quizzes_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('academy_quizzes_language_check', `language IN ('de', 'en')`)
@Check('academy_quizzes_pass_mark_check', `pass_mark BETWEEN 0 AND 100`)
@Check('academy_quizzes_attempt_limit_check', `attempt_limit > 0`)
@Check('academy_quizzes_time_limit_minutes_check', `time_limit_minutes > 0`)
@Check('academy_quizzes_questions_per_page_check', `questions_per_page BETWEEN 1 AND 50`)
@Check('academy_quizzes_feedback_policy_check', `feedback_policy IN ('after_attempt', 'after_pass')`)
@Check('academy_quizzes_source_check', `source IN ('app', 'file', 'upload')`)
export class Quiz {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) intro!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'integer', default: 70 }) passMark!: number;
  @Column({ type: 'integer', nullable: true }) attemptLimit!: number | null;
  @Column({ type: 'integer', nullable: true }) timeLimitMinutes!: number | null;
  @Column({ type: 'integer', default: 5 }) questionsPerPage!: number;
  @Column({ type: 'boolean', default: true }) shuffleQuestions!: boolean;
  @Column({ type: 'boolean', default: true }) shuffleAnswers!: boolean;
  @Column({ type: 'text', default: 'after_attempt' }) feedbackPolicy!: 'after_attempt' | 'after_pass';
  @Column({ type: 'text', default: 'app' }) source!: 'app' | 'file' | 'upload';
  @Column({ type: 'text', nullable: true }) contentHash!: string | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdBy!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A question with its key (choices with weights/positions, accepted texts, numeric ranges). Never sent to an attempt page. */
@Entity('academy_questions')
@Check('academy_questions_kind_check', `kind IN ('single', 'multiple', 'truefalse', 'short', 'numeric', 'ordering')`)
@Check('academy_questions_points_check', `points > 0`)
@Check('academy_questions_chapter_ref_check', `chapter_ref ~ '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$'`)
@Index('academy_questions_quiz_idx', ['quizId', 'position'], { where: 'archived_at IS NULL' })
@Index('academy_questions_chapter_idx', ['chapterRef'])
export class Question {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Quiz', { onDelete: 'CASCADE' }) quizId!: number;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) kind!: QuestionKind;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) textHtml!: string;
  @Column({ type: 'numeric', precision: 6, scale: 2, default: 1 }) points!: string;
  @Column({ type: 'text', default: '' }) explanation!: string;
  @Column({ type: 'text', default: '' }) explanationHtml!: string;
  @Column({ type: 'text', nullable: true }) chapterRef!: string | null;
  @Column({ type: 'boolean', default: false }) partialCredit!: boolean;
  @Column({ type: 'jsonb', default: () => "'[]'" }) choices!: Choice[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) accepted!: AcceptedText[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) ranges!: NumericRange[];
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
