import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A two-factor recovery code, stored as a SHA-256 hash; each works once. */
@Entity('user_recovery_codes')
@Index('user_recovery_codes_user_idx', ['userId'])
export class RecoveryCode {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) codeHash!: string;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}
