import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A rate limiter's count for one client key in the current window (src/db/rate-limit.store.ts). */
@Entity('rate_limit_hits')
@Index('rate_limit_hits_reset_at_idx', ['resetAt'])
export class RateLimitHit {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'integer' }) hits!: number;
  @Column({ type: 'timestamptz' }) resetAt!: Date;
}
