import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Daily rollups: how much of `metric` happened on `day` (Berlin calendar day), per administration
 * of the member who did it (0: none or unknown) and per dimension value (`dim`: a tag, a topic, a
 * method; '' when the metric has none). Kept by the worker and rebuilt from the raw tables by
 * `npm run dashboard:rebuild`; the dashboard reads these instead of scanning replies.
 */
@Entity('dashboard_daily')
// (metric, day, administration_id) INCLUDE (value): TypeORM indexes cannot state INCLUDE.
@Index('dashboard_daily_metric_day_adm_idx', { synchronize: false })
export class DashboardDaily {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) metric!: string;
  @PrimaryColumn({ type: 'integer', default: 0 }) administrationId!: number;
  @PrimaryColumn({ type: 'text', default: '' }) dim!: string;
  @Column({ type: 'integer' }) value!: number;
}

/**
 * dashboard_daily summed over the administrations, per day, metric and dimension: what network-wide
 * figures read (a few thousand rows a year instead of one per event). Kept equal to dashboard_daily
 * by statement-level triggers on it (migration 1763700170000); never written directly.
 */
@Entity('dashboard_daily_total')
@Index('dashboard_daily_total_metric_day_dim_idx', { synchronize: false }) // (metric, day, dim) INCLUDE (value)
export class DashboardDailyTotal {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) metric!: string;
  @PrimaryColumn({ type: 'text', default: '' }) dim!: string;
  @Column({ type: 'bigint' }) value!: string;
}

/**
 * Per question (not merged, hidden or removed), on the Berlin day it was asked: hours to the first
 * reply by someone else and to the accepted reply (null: none). Kept by the rollups' rebuild.
 */
@Entity('dashboard_question_times')
export class DashboardQuestionTime {
  @PrimaryColumn({ type: 'integer' }) threadId!: number;
  @Index('dashboard_question_times_day_idx')
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'double precision', nullable: true }) firstHours!: number | null;
  @Column({ type: 'double precision', nullable: true }) acceptedHours!: number | null;
}

/**
 * dashboard_daily's rows without a dimension per month (its first day) and administration: the sum
 * and the last day with a row. Kept by statement-level triggers on dashboard_daily (migration
 * 1763700170003), which recompute the months a statement touched; never written directly.
 */
@Entity('dashboard_monthly')
export class DashboardMonthly {
  @PrimaryColumn({ type: 'text' }) metric!: string;
  @PrimaryColumn({ type: 'date' }) month!: string;
  @PrimaryColumn({ type: 'integer' }) administrationId!: number;
  @Column({ type: 'bigint' }) value!: string;
  @Column({ type: 'date' }) lastDay!: string;
}

/**
 * Per Berlin day an attempt was started and per guide chapter (academy_questions.chapter_ref): the
 * answers in submitted attempts to the chapter's questions and the wrong ones. Kept by the rebuild.
 */
@Entity('dashboard_chapter_answers')
export class DashboardChapterAnswers {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) chapterRef!: string;
  @Column({ type: 'integer' }) answered!: number;
  @Column({ type: 'integer' }) failed!: number;
}

/**
 * One row: the rollups' version, one more after every rebuild (the snapshots' validity), and since
 * when the worker owes the snapshots of that version (null: none owed; see dashboard.snapshots.ts).
 */
@Entity('dashboard_state')
@Check('dashboard_state_one_row', 'id = 1')
export class DashboardState {
  @PrimaryColumn({ type: 'integer', default: 1 }) id!: number;
  @Column({ type: 'bigint', default: 1 }) version!: string;
  @Column({ type: 'timestamptz', nullable: true }) snapshotsDueSince!: Date | null;
}

/**
 * A section's period figures as computed at rollup version `version` (see dashboard.snapshots.ts):
 * `key` names the section, language and period; `query` is the period's query string, from which
 * the worker recomputes the snapshots read in the last 7 days after each refresh.
 */
@Entity('dashboard_snapshots')
export class DashboardSnapshot {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) lang!: string;
  @Column({ type: 'text' }) query!: string;
  @Column({ type: 'bigint' }) version!: string;
  @Column({ type: 'jsonb' }) data!: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) computedAt!: Date;
  @Index('dashboard_snapshots_read_at_idx')
  @Column({ type: 'timestamptz', default: () => 'now()' }) readAt!: Date;
}
