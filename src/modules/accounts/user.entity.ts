import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Administration } from '../administrations/index.js';

import type { Language, Role, UserStatus } from '../../shared/identity.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) handle!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) jobTitle!: string;
  @Column({ type: 'text', default: '' }) department!: string;
  @Column({ type: 'text', default: '' }) bio!: string;
  @Column({ type: 'text', default: 'de' }) language!: Language;
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
  @Column({ type: 'integer', nullable: true }) decidedBy!: number | null;
  @Column({ type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ type: 'text', nullable: true, select: false }) totpSecret!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) totpEnabledAt!: Date | null;
  @Column({ type: 'bigint', nullable: true, select: false }) totpLastStep!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
