import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * What the use-case list filters, sorts and counts by, one narrow row per case, kept by triggers on
 * use_cases, administrations and use_case_adoptions (migration 1764901200000): read by the list page
 * (usecases.queries.ts), never written by the application.
 */
@Entity('use_case_facets')
// Newest first and most adopted first, of the listed cases: TypeORM indexes cannot state a column's order.
@Index('use_case_facets_newest_idx', { synchronize: false })
@Index('use_case_facets_adopted_idx', { synchronize: false })
// GIN on keys, of the listed cases (TypeORM cannot declare a GIN index).
@Index('use_case_facets_keys_idx', { synchronize: false })
export class UseCaseFacets {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'integer' }) administrationId!: number;
  /** Published: on the list (members see it). */
  @Column({ type: 'boolean' }) listed!: boolean;
  /** Visibility public: visitors see it too. */
  @Column({ type: 'boolean' }) public!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  /** Adoptions that are not stopped. */
  @Column({ type: 'integer', default: 0 }) adoptionCount!: number;
  /** Every facet value of the case as "facet:value" (topic:budget, state:BY …; see use_case_facet_keys). */
  @Column({ type: 'text', array: true }) keys!: string[];
}

/** How many listed cases (public ones, or network ones) have a facet key; "*" counts them all. Kept by a trigger on use_case_facets. */
@Entity('use_case_facet_counts')
export class UseCaseFacetCount {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @PrimaryColumn({ type: 'boolean' }) public!: boolean;
  @Column({ type: 'integer' }) n!: number;
}

/**
 * How many listed cases (public ones, or network ones) have both a facet key and a key of another facet
 * ("*": have the key), so that one picked value's other counts are a lookup. Kept by a trigger on
 * use_case_facets (migration 1764901700000).
 */
@Entity('use_case_facet_pair_counts')
export class UseCaseFacetPairCount {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @PrimaryColumn({ type: 'text' }) other!: string;
  @PrimaryColumn({ type: 'boolean' }) public!: boolean;
  @Column({ type: 'integer' }) n!: number;
}
