import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Daily rollups: how much of `metric` happened on `day` (Berlin calendar day), per administration
 * of the member who did it (0: none or unknown) and per dimension value (`dim`: a tag, a topic, a
 * method; '' when the metric has none). Kept by the worker and rebuilt from the raw tables by
 * `npm run dashboard:rebuild`; the dashboard reads these instead of scanning replies.
 */
@Entity('dashboard_daily')
@Index('dashboard_daily_metric_day_idx', ['metric', 'day'])
export class DashboardDaily {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) metric!: string;
  @PrimaryColumn({ type: 'integer', default: 0 }) administrationId!: number;
  @PrimaryColumn({ type: 'text', default: '' }) dim!: string;
  @Column({ type: 'integer' }) value!: number;
}
