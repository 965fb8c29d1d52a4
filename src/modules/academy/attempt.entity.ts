import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LayoutItem } from './attempts.model.js';
import type { Response } from './grading.js';

/** One member's attempt at a quiz: its own order, its deadline and, once submitted, its grade. */
@Entity('academy_attempts')
export class Attempt {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) quizId!: number;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'jsonb' }) layout!: LayoutItem[];
  @Column({ type: 'text', default: 'open' }) state!: 'open' | 'submitted';
  @Column({ type: 'timestamptz' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deadline!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true }) score!: string | null;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true }) maxScore!: string | null;
  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true }) percent!: string | null;
  @Column({ type: 'boolean', nullable: true }) passed!: boolean | null;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
}

/** A saved answer; saved_at decides whether it counts after a deadline. */
@Entity('academy_attempt_answers')
export class AttemptAnswer {
  @PrimaryColumn({ type: 'integer' }) attemptId!: number;
  @PrimaryColumn({ type: 'integer' }) questionId!: number;
  @Column({ type: 'jsonb' }) response!: Response;
  @Column({ type: 'timestamptz' }) savedAt!: Date;
}

@Entity('academy_extra_attempts')
export class ExtraAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) quizId!: number;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'integer', nullable: true }) grantedBy!: number | null;
  @Column({ type: 'text', default: '' }) reason!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
