// Grants of badges and micro-degrees as Open Badges 2.0 assertions: one table, one mechanism.
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ASSERTION_KINDS = ['badge', 'microdegree'] as const;
export type AssertionKind = (typeof ASSERTION_KINDS)[number];

/**
 * A badge (class_key: the badge's key in content/badges.yml) or micro-degree (class_key: its slug)
 * granted to a member. `sourceKey` tells repeated grants of one badge apart (e.g. the use case a
 * "bridge builder" badge is for); '' for badges granted once.
 */
@Entity('recognition_assertions')
@Check('recognition_assertions_kind_check', `kind IN ('badge', 'microdegree')`)
@Check('recognition_assertions_identity_hash_check', `identity_hash ~ '^sha256\\$[0-9a-f]{64}$'`)
@Unique('recognition_assertions_grant_key', ['kind', 'classKey', 'userId', 'sourceKey'])
@Index('recognition_assertions_user_idx', ['userId'])
export class RecognitionAssertion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: AssertionKind;
  @Column({ type: 'text' }) classKey!: string;
  /** Null once the member deleted their account (the assertion stays, revoked). */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) userId!: number | null;
  @Column({ type: 'text', default: '' }) sourceKey!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) grantedAt!: Date;
  /** Who granted it by hand (manual badges); null when the worker granted it. */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) grantedBy!: number | null;
  @Column({ type: 'text', nullable: true }) grantReason!: string | null;
  /** Links to what earned it: [{ url, title }]. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) evidence!: { url: string; title: string }[];
  @Column({ type: 'text' }) identityHash!: string;
  @Column({ type: 'text' }) salt!: string;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) revokedBy!: number | null;
  @Column({ type: 'text', nullable: true }) revocationReason!: string | null;
}
