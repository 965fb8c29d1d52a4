import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Administration } from '../administrations/index.js';

import type { Language, Role, UserStatus } from '../../shared/identity.js';

@Entity('users')
@Check('users_email_check', `email = lower(email)`)
@Check('users_handle_check', `handle ~ '^[a-z0-9][a-z0-9_-]{1,29}$'`)
@Check('users_language_check', `language IN ('de', 'en')`)
@Check('users_role_check', `role IN ('member', 'facilitator', 'admin')`)
@Check('users_status_check', `status IN ('unconfirmed', 'pending', 'active', 'rejected', 'deleted')`)
@Index('users_email_key', ['email'], { unique: true })
@Index('users_handle_key', ['handle'], { unique: true })
@Index('users_administration_idx', ['administrationId'], { where: `status = 'active'` })
@Index('users_pending_idx', ['createdAt'], { where: `status = 'pending'` })
export class User {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) handle!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) jobTitle!: string;
  @Column({ type: 'text', default: '' }) department!: string;
  @Column({ type: 'text', default: '' }) bio!: string;
  @Column({ type: 'text', default: 'de' }) language!: Language;
  /** Languages the member speaks (ISO 639-1 codes from SPOKEN_LANGUAGES), for "who can I ask". */
  @Column({ type: 'text', array: true, default: '{}' }) languages!: string[];
  /** Policy areas the member cares about: keys of the use-case taxonomy's policy-areas list. */
  @Column({ type: 'text', array: true, default: '{}' }) interests!: string[];
  @Column({ type: 'text', nullable: true, select: false }) passwordHash!: string | null;
  @Column({ type: 'text', default: 'member' }) role!: Role;
  @Column({ type: 'text', default: 'unconfirmed' }) status!: UserStatus;
  @Column({ type: 'integer', nullable: true }) administrationId!: number | null;
  @ManyToOne('Administration', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'administration_id' })
  administration!: Administration | null;
  @Column({ type: 'text', default: '' }) requestedOrganization!: string;
  @Column({ type: 'timestamptz', nullable: true }) emailConfirmedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) decidedBy!: number | null;
  @Column({ type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ type: 'text', nullable: true, select: false }) totpSecret!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) totpEnabledAt!: Date | null;
  @Column({ type: 'bigint', nullable: true, select: false }) totpLastStep!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
