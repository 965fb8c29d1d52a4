import type { MigrationInterface, QueryRunner } from 'typeorm';

// Search sampling: every document carries seven extra lexemes naming its sample bucket at seven
// granularities (a quarter, an eighth, … a 256th of all documents, by the first byte of md5(id)). A query whose words match a large share of a million documents asks for
// "words & 'sample 64:0'": GIN then walks the small bucket list and skips through the long word lists,
// instead of building a bitmap of hundreds of thousands of matches (src/modules/search/postgres.engine.ts).
// Likewise each document carries its facet values as lexemes ("facet state:BY", "facet topic:finance"),
// so filters join the words in the GIN index instead of being checked row by row after it.
// The lexemes contain a space, which the text parser never puts into a lexeme, so no written word can match them.
export class SearchSampling1763700010000 implements MigrationInterface {
  name = 'SearchSampling1763700010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_sample_lexemes(doc_id text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_to_tsvector(ARRAY['sample 4:' || (b >> 6), 'sample 8:' || (b >> 5), 'sample 16:' || (b >> 4),
                                       'sample 32:' || (b >> 3), 'sample 64:' || (b >> 2), 'sample 128:' || (b >> 1), 'sample 256:' || b])
          FROM (SELECT get_byte(decode(md5(doc_id), 'hex'), 0) AS b) x
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_facet_lexemes(type text, topics text[], methods text[], administration text,
                                                      state text, size_class text, language text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT x) FILTER (WHERE x IS NOT NULL)), ''::tsvector)
          FROM (SELECT 'facet type:' || nullif(type, '') AS x
                UNION ALL SELECT 'facet topic:' || nullif(t, '') FROM unnest(topics) t
                UNION ALL SELECT 'facet method:' || nullif(m, '') FROM unnest(methods) m
                UNION ALL SELECT 'facet administration:' || nullif(administration, '')
                UNION ALL SELECT 'facet state:' || nullif(state, '')
                UNION ALL SELECT 'facet sizeClass:' || nullif(size_class, '')
                UNION ALL SELECT 'facet language:' || nullif(language, '')) f
      $$`);
    await q.query(`
      UPDATE search_documents
         SET title_tsv = title_tsv || (praxis_sample_lexemes(id) || praxis_facet_lexemes(type, topics, methods, administration, state, size_class, language)),
             tsv = tsv || (praxis_sample_lexemes(id) || praxis_facet_lexemes(type, topics, methods, administration, state, size_class, language))
       WHERE NOT tsv @@ $$'sample 4:0' | 'sample 4:1' | 'sample 4:2' | 'sample 4:3'$$::tsquery`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE search_documents
         SET title_tsv = ts_delete(title_tsv, tsvector_to_array((praxis_sample_lexemes(id) || praxis_facet_lexemes(type, topics, methods, administration, state, size_class, language)))),
             tsv = ts_delete(tsv, tsvector_to_array((praxis_sample_lexemes(id) || praxis_facet_lexemes(type, topics, methods, administration, state, size_class, language))))`);
    await q.query(`DROP FUNCTION praxis_facet_lexemes(text, text[], text[], text, text, text, text)`);
    await q.query(`DROP FUNCTION praxis_sample_lexemes(text)`);
  }
}
