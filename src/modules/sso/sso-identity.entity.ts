import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member's account at an administration's provider: the provider's (issuer, subject) → the member. */
@Entity('sso_identities')
@Index('sso_identities_subject_key', ['issuer', 'subject'], { unique: true })
@Index('sso_identities_user_idx', ['userId'])
export class SsoIdentity {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer' }) @ForeignKey('Administration', { onDelete: 'CASCADE' }) administrationId!: number;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'text' }) subject!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lastSignInAt!: Date;
}
