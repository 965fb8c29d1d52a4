import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Issued once per member and course when every quiz of the course is passed. */
@Entity('academy_certificates')
@Unique(['courseId', 'userId'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer' }) @ForeignKey('Course', { onDelete: 'CASCADE' }) courseId!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) recipientName!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) issuedAt!: Date;
}

/**
 * The Open Badges 2.0 assertion of a certificate; the recipient is a salted hash of the e-mail.
 * A deleted member's assertions stay as revoked tombstones (their hosted URL answers 410).
 */
@Entity('academy_badge_assertions')
@Check('academy_badge_assertions_identity_hash_check', `identity_hash ~ '^sha256\\$[0-9a-f]{64}$'`)
@Unique(['courseId', 'userId'])
export class BadgeAssertion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Null once the member deleted their account: the assertion stays, revoked, without them. */
  @Column({ type: 'uuid', unique: true, nullable: true }) @ForeignKey('Certificate', { onDelete: 'SET NULL' }) certificateId!: string | null;
  @Column({ type: 'integer' }) @ForeignKey('Course', { onDelete: 'CASCADE' }) courseId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) userId!: number | null;
  @Column({ type: 'text' }) identityHash!: string;
  @Column({ type: 'text' }) salt!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) issuedOn!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) revokedBy!: number | null;
  @Column({ type: 'text', nullable: true }) revocationReason!: string | null;
}
