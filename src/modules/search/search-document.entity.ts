import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The PostgreSQL engine's documents (postgres.engine.ts writes them with hand-written SQL). The
 * tsvectors carry weighted words plus sample and facet lexemes (migration 1763700010000).
 */
@Entity('search_documents')
@Check('search_documents_language_check', `language ~ '^[a-z]{2}$'`)
@Check('search_documents_visibility_check', `visibility IN ('public', 'network')`)
@Index('search_documents_tsv_idx', ['tsv'], { type: 'gin' })
@Index('search_documents_title_tsv_idx', ['titleTsv'], { type: 'gin' })
// Newest first (updated_at DESC): TypeORM indexes cannot state a column's order.
@Index('search_documents_updated_idx', { synchronize: false })
// Partial GIN indexes of sample bucket 0 at a quarter … a 64th (migration 1764901900000): TypeORM
// cannot state their predicate. Names: search_documents_{tsv,title_tsv}_sample{4,8,16,32,64}_idx.
@Index('search_documents_tsv_sample4_idx', { synchronize: false })
@Index('search_documents_title_tsv_sample4_idx', { synchronize: false })
@Index('search_documents_tsv_sample8_idx', { synchronize: false })
@Index('search_documents_title_tsv_sample8_idx', { synchronize: false })
@Index('search_documents_tsv_sample16_idx', { synchronize: false })
@Index('search_documents_title_tsv_sample16_idx', { synchronize: false })
@Index('search_documents_tsv_sample32_idx', { synchronize: false })
@Index('search_documents_title_tsv_sample32_idx', { synchronize: false })
@Index('search_documents_tsv_sample64_idx', { synchronize: false })
@Index('search_documents_title_tsv_sample64_idx', { synchronize: false })
export class SearchDocument {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) topics!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) methods!: string[];
  @Column({ type: 'text', nullable: true }) administration!: string | null;
  @Column({ type: 'text', nullable: true }) state!: string | null;
  @Column({ type: 'text', nullable: true }) sizeClass!: string | null;
  /** A content language (ISO 639-1); its text search configuration is praxis_ts_config(language). */
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) visibility!: 'public' | 'network';
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'bigint', default: 0 }) version!: string;
  @Column({ type: 'tsvector' }) titleTsv!: string;
  @Column({ type: 'tsvector' }) tsv!: string;
}

/** Distinct words of the documents, for typo correction and suggestions. */
@Entity('search_lexicon')
// Trigram (gin_trgm_ops) and prefix (text_pattern_ops) operator classes: TypeORM cannot state them.
@Index('search_lexicon_trgm_idx', { synchronize: false })
@Index('search_lexicon_prefix_idx', { synchronize: false })
export class SearchLexiconWord {
  @PrimaryColumn({ type: 'text' }) word!: string;
  @Column({ type: 'integer', default: 1 }) freq!: number;
  @Column({ type: 'text', nullable: true }) display!: string | null;
  /** Bits of the languages it occurs in: 1 German, 2 English, 4 any other content language (migration 1764901000000). */
  @Column({ type: 'smallint', default: 3 }) langs!: number;
}
