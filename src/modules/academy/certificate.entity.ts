import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Issued once per member and course when every quiz of the course is passed. */
@Entity('academy_certificates')
export class Certificate {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'integer' }) courseId!: number;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'text' }) recipientName!: string;
  @Column({ type: 'timestamptz' }) issuedAt!: Date;
}

/** The Open Badges 2.0 assertion of a certificate; the recipient is a salted hash of the e-mail. */
@Entity('academy_badge_assertions')
export class BadgeAssertion {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) certificateId!: string;
  @Column({ type: 'integer' }) courseId!: number;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'text' }) identityHash!: string;
  @Column({ type: 'text' }) salt!: string;
  @Column({ type: 'timestamptz' }) issuedOn!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) revokedBy!: number | null;
  @Column({ type: 'text', nullable: true }) revocationReason!: string | null;
}
