import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An administration's OpenID provider (one per administration); the client secret is encrypted (secrets.ts). */
@Entity('sso_providers')
export class SsoProvider {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Administration', { onDelete: 'CASCADE' }) administrationId!: number;
  /** The issuer as the provider's discovery document names it (https; http only for loopback outside production). */
  @Column({ type: 'text' }) issuerUrl!: string;
  @Column({ type: 'text' }) clientId!: string;
  /** "v1.<iv>.<tag>.<ciphertext>", base64url, AES-256-GCM with SECRETS_KEY. */
  @Column({ type: 'text' }) clientSecretEncrypted!: string;
  /** Lower-case e-mail domains whose addresses may sign in through this provider. */
  @Column({ type: 'text', array: true, default: '{}' }) allowedDomains!: string[];
  /** Claim of the ID token (or user info) that names the member's department, copied at each sign-in. */
  @Column({ type: 'text', nullable: true }) departmentClaim!: string | null;
  @Column({ type: 'boolean', default: false }) enabled!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
