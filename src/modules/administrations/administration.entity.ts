import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AdministrationDomain } from './administration-domain.entity.js';

export const ADMINISTRATION_KINDS = ['municipality', 'county', 'state_agency', 'association', 'partner'] as const;
export type AdministrationKind = (typeof ADMINISTRATION_KINDS)[number];

@Entity('administrations')
export class Administration {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: AdministrationKind;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'char', length: 8, nullable: true }) ags!: string | null;
  @Column({ type: 'integer', nullable: true }) population!: number | null;
  /** Derived by the database from population (see sizeClassOf). */
  @Column({ type: 'text', nullable: true, insert: false, update: false }) sizeClass!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', default: '' }) description!: string;
  @OneToMany(() => AdministrationDomain, (d) => d.administration, { cascade: true }) domains!: AdministrationDomain[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
