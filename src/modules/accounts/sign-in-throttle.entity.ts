import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per keyed hash of a typed address or IP (throttle.ts); deleted after expiresAt. */
@Entity('sign_in_throttle')
@Index('sign_in_throttle_expires_idx', ['expiresAt'])
export class SignInThrottle {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'integer', default: 0 }) failures!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) windowStartedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
