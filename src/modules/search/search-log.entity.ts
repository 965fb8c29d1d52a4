import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One search with a query (first page, no facet filters): the normalised query, how many results
 * it had, who searched (null for visitors, and for everyone after 30 days) and when a result was
 * first opened from it. Read only in aggregate (the dashboard's knowledge gaps).
 */
@Entity('search_log')
@Index('search_log_at_idx', ['at'])
@Index('search_log_unopened_idx', ['query', 'at'], { where: 'opened_at IS NULL' })
@Index('search_log_user_idx', ['userId'], { where: 'user_id IS NOT NULL' })
@Index('search_log_member_at_idx', ['at'], { where: 'user_id IS NOT NULL' })
export class SearchLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'text' }) query!: string;
  @Column({ type: 'integer' }) results!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) userId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) openedAt!: Date | null;
}
