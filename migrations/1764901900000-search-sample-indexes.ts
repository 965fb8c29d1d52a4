import type { MigrationInterface, QueryRunner } from 'typeorm';

// A partial GIN index per sample level (issue 19): the documents of bucket 0 at a quarter, an eighth, …
// a 64th (the first byte of md5(id) shifted right by 6, 5, … 2 is 0 — the "sample L:0" lexemes of
// migration 1763700010000), on tsv and on title_tsv. The predicates are equalities, not "byte < 16":
// a query stating "byte < 16" also proves "byte < 32", and the planner, finding both indexes equally
// cheap, read the eighth's for a sixteenth's query (twice the rows fetched and dropped). A sampled query asks the bucket's own index, so
// GIN decodes only the bucket's share of each word's postings: at a million documents a three-word
// query ("Zufallsauswahl Karte Senioren", bucket of an eighth) spent 17 ms in the whole index's
// bitmap scan, 2.2 ms in the eighth's. Finer buckets (128, 256) use the 64th's index and their
// lexeme. The engine writes the same predicate (sampleSql in src/modules/search/postgres.engine.ts),
// so the planner proves the index usable; the rebuild copies these definitions like every index.
const SAMPLE_INDEX_LEVELS = [4, 8, 16, 32, 64] as const;

export class SearchSampleIndexes1764901900000 implements MigrationInterface {
  name = 'SearchSampleIndexes1764901900000';

  async up(q: QueryRunner): Promise<void> {
    for (const level of SAMPLE_INDEX_LEVELS) {
      for (const [column, name] of [['tsv', 'tsv'], ['title_tsv', 'title_tsv']] as const) {
        await q.query(`CREATE INDEX search_documents_${name}_sample${level}_idx ON search_documents USING gin (${column})
                        WHERE (get_byte(decode(md5(id), 'hex'), 0) >> ${Math.log2(256 / level)}) = 0`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const level of SAMPLE_INDEX_LEVELS) {
      await q.query(`DROP INDEX search_documents_tsv_sample${level}_idx`);
      await q.query(`DROP INDEX search_documents_title_tsv_sample${level}_idx`);
    }
  }
}
