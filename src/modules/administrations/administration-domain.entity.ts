import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Administration } from './administration.entity.js';

/** An e-mail domain used for verification; unique across all administrations. */
@Entity('administration_domains')
@Check('administration_domains_domain_check', `domain = lower(domain)`)
@Index('administration_domains_admin_idx', ['administrationId'])
export class AdministrationDomain {
  @PrimaryColumn({ type: 'text' }) domain!: string;
  @Column({ type: 'integer' }) administrationId!: number;
  @ManyToOne('Administration', 'domains', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'administration_id' })
  administration!: Administration;
}
