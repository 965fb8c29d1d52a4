import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The version gate (any engine): the outbox id of the newest change applied per document. */
@Entity('search_versions')
export class SearchVersion {
  @PrimaryColumn({ type: 'text' }) docId!: string;
  @Column({ type: 'bigint' }) version!: string;
  @Column({ type: 'boolean', default: false }) deleted!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) appliedAt!: Date;
}

/** Anonymised searches without results: the normalised query and a count per day. */
@Entity('search_zero_results')
export class SearchZeroResult {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) query!: string;
  @Column({ type: 'integer', default: 1 }) count!: number;
}
