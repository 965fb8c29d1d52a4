import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LayoutItem } from './attempts.model.js';
import type { Response } from './grading.js';

/** One member's attempt at a quiz: its own order, its deadline and, once submitted, its grade. */
@Entity('academy_attempts')
@Index('academy_attempts_started_idx', ['startedAt']) // the dashboard's learning section: attempts started on given days
@Index('academy_attempts_submitted_idx', ['submittedAt'], { where: `state = 'submitted'` }) // the dashboard's rollups of submitted attempts
@Check('academy_attempts_language_check', `language ~ '^[a-z]{2}$'`)
@Check('academy_attempts_state_check', `state IN ('open', 'submitted')`)
@Check('academy_attempts_check', `(state = 'submitted') = (submitted_at IS NOT NULL AND passed IS NOT NULL)`)
@Unique(['quizId', 'userId', 'number'])
@Index('academy_attempts_one_open', ['quizId', 'userId'], { unique: true, where: `state = 'open'` })
@Index('academy_attempts_user_idx', ['userId', 'quizId'])
export class Attempt {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Quiz', { onDelete: 'CASCADE' }) quizId!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'jsonb' }) layout!: LayoutItem[];
  @Column({ type: 'text', default: 'open' }) state!: 'open' | 'submitted';
  @Column({ type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deadline!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true }) score!: string | null;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true }) maxScore!: string | null;
  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true }) percent!: string | null;
  @Column({ type: 'boolean', nullable: true }) passed!: boolean | null;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
  /** The content language of the quiz translation it was taken in; null: the original. */
  @Column({ type: 'text', nullable: true }) language!: string | null;
}

/** A saved answer; saved_at decides whether it counts after a deadline. */
@Entity('academy_attempt_answers')
export class AttemptAnswer {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Attempt', { onDelete: 'CASCADE' }) attemptId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Question', { onDelete: 'CASCADE' }) questionId!: number;
  @Column({ type: 'jsonb' }) response!: Response;
  @Column({ type: 'timestamptz', default: () => 'now()' }) savedAt!: Date;
}

@Entity('academy_extra_attempts')
@Index('academy_extra_attempts_idx', ['quizId', 'userId'])
export class ExtraAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Quiz', { onDelete: 'CASCADE' }) quizId!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) grantedBy!: number | null;
  @Column({ type: 'text', default: '' }) reason!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
