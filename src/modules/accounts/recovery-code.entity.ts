import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A two-factor recovery code, stored as a SHA-256 hash; each works once. */
@Entity('user_recovery_codes')
export class RecoveryCode {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'text' }) codeHash!: string;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}
