import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A row of the outbox (see outbox.ts): an effect recorded with its change, applied by the worker. */
@Entity('outbox')
@Index('outbox_due_idx', ['topic', 'id'], { where: 'processed_at IS NULL AND failed_at IS NULL' })
export class OutboxRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) topic!: string;
  @Column({ type: 'text', nullable: true }) key!: string | null;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) availableAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'text', nullable: true }) lockedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
