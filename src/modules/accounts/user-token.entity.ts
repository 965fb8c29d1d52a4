import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TokenPurpose = 'confirm_email' | 'reset_password' | 'sign_in_code';

/** A single-use link token or e-mailed sign-in code; only a hash is stored. */
@Entity('user_tokens')
@Check('user_tokens_purpose_check', `purpose IN ('confirm_email', 'reset_password', 'sign_in_code')`)
@Index('user_tokens_user_idx', ['userId', 'purpose'])
export class UserToken {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) purpose!: TokenPurpose;
  @Column({ type: 'text', unique: true }) tokenHash!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  /** Sign-in codes: the SHA-256 of the challenge (kept in the sign-in's session) the code belongs to. */
  @Column({ type: 'text', nullable: true }) challenge!: string | null;
  /** Wrong tries (sign-in codes). */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
