import { Check, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AdministrationDomain } from './administration-domain.entity.js';

export const ADMINISTRATION_KINDS = ['municipality', 'county', 'city_state', 'state_agency', 'association', 'partner'] as const;
export type AdministrationKind = (typeof ADMINISTRATION_KINDS)[number];

@Entity('administrations')
@Check('administrations_kind_check', `kind IN ('municipality', 'county', 'city_state', 'state_agency', 'association', 'partner')`)
@Check('administrations_state_check', `state IN ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')`)
@Check('administrations_ags_check', `ags ~ '^[0-9]{8}$'`)
@Check('administrations_population_check', `population >= 0`)
@Index('administrations_state_kind_idx', ['state', 'kind', 'sizeClass'])
export class Administration {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: AdministrationKind;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'char', length: 8, nullable: true, unique: true }) ags!: string | null;
  @Column({ type: 'integer', nullable: true }) population!: number | null;
  /** Derived by the database from population (see sizeClassOf). */
  @Column({
    type: 'text', nullable: true, insert: false, update: false, generatedType: 'STORED',
    asExpression: `CASE WHEN population IS NULL THEN NULL
               WHEN population < 10000 THEN 'lt10k'
               WHEN population < 20000 THEN '10k-20k'
               WHEN population < 50000 THEN '20k-50k'
               WHEN population < 100000 THEN '50k-100k'
               WHEN population < 500000 THEN '100k-500k'
               ELSE 'gt500k' END`,
  })
  sizeClass!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', default: '' }) description!: string;
  @OneToMany(() => AdministrationDomain, (d) => d.administration, { cascade: true }) domains!: AdministrationDomain[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
