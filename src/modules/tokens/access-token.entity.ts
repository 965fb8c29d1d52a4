import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Scope } from './tokens.model.js';

/** A member's personal access token; only the SHA-256 of the token is stored (tokens.model.ts says why). */
@Entity('personal_access_tokens')
@Check('personal_access_tokens_name_check', `char_length(name) BETWEEN 1 AND 80`)
@Check('personal_access_tokens_scopes_check', `cardinality(scopes) >= 1 AND scopes <@ ARRAY['read:public', 'read:network']::text[]`)
@Index('personal_access_tokens_user_idx', ['userId'])
export class PersonalAccessToken {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) scopes!: Scope[];
  @Column({ type: 'text', unique: true }) tokenHash!: string;
  /** The token's first characters ("prx_k7Pq2x…"), to tell tokens apart in the list. */
  @Column({ type: 'text' }) prefix!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  /** Updated at most once a minute (tokens.store.ts resolveToken). */
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
