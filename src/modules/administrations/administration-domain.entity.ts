import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Administration } from './administration.entity.js';

/** An e-mail domain used for verification; unique across all administrations. */
@Entity('administration_domains')
export class AdministrationDomain {
  @PrimaryColumn({ type: 'text' }) domain!: string;
  @Column({ type: 'integer' }) administrationId!: number;
  @ManyToOne('Administration', 'domains', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'administration_id' })
  administration!: Administration;
}
