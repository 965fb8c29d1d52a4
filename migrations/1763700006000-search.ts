import type { MigrationInterface, QueryRunner } from 'typeorm';

// Search (PostgreSQL engine): documents with a weighted tsvector (title A > tags B > body C) built
// with German or English stemming plus unaccent, a lexicon of distinct words with a trigram index
// for typo correction, the per-document version gate used by the indexer (any engine), and the
// anonymised zero-result queries for the dashboard's knowledge gaps.
export class Search1763700006000 implements MigrationInterface {
  name = 'Search1763700006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // unaccent() is only STABLE (it looks its dictionary up by name); index expressions need IMMUTABLE.
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $fn$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $fn$`);
    for (const [name, base, stem] of [['praxis_de', 'german', 'german_stem'], ['praxis_en', 'english', 'english_stem']]) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION ${name} (COPY = pg_catalog.${base})`);
      await q.query(`ALTER TEXT SEARCH CONFIGURATION ${name}
        ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, ${stem}`);
    }
    // One query word: its spellings separated by '|', each optionally tagged with the languages to
    // stem it in ("word@1" German, "@2" English, "@3" or none both). A word that is a stop word in
    // one of its languages is dropped rather than required. Lexemes are deduplicated.
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_tsquery(groups text[]) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
      DECLARE
        parts text[] := '{}';
        grp text;
        lexemes text[];
        stop boolean;
      BEGIN
        FOREACH grp IN ARRAY groups LOOP
          WITH v AS (
            SELECT split_part(x, '@', 1) AS word, coalesce(nullif(split_part(x, '@', 2), ''), '3')::int AS langs
              FROM unnest(string_to_array(grp, '|')) AS x)
          SELECT bool_or((langs & 1 = 1 AND numnode(plainto_tsquery('praxis_de', word)) = 0)
                      OR (langs & 2 = 2 AND numnode(plainto_tsquery('praxis_en', word)) = 0)),
                 array_agg(DISTINCT quote_literal(l)) FILTER (WHERE l IS NOT NULL)
            INTO stop, lexemes
            FROM v LEFT JOIN LATERAL (
              SELECT unnest(tsvector_to_array(to_tsvector('praxis_de', v.word))) WHERE v.langs & 1 = 1
              UNION SELECT unnest(tsvector_to_array(to_tsvector('praxis_en', v.word))) WHERE v.langs & 2 = 2) AS s(l) ON true;
          CONTINUE WHEN stop;
          IF lexemes IS NOT NULL THEN
            parts := parts || ('(' || array_to_string(lexemes, ' | ') || ')');
          END IF;
        END LOOP;
        IF cardinality(parts) = 0 THEN
          RETURN ''::tsquery;
        END IF;
        RETURN array_to_string(parts, ' & ')::tsquery;
      END $fn$`);
    await q.query(`
      CREATE TABLE search_documents (
        id text PRIMARY KEY,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL DEFAULT '{}',
        methods text[] NOT NULL DEFAULT '{}',
        administration text,
        state text,
        size_class text,
        language text NOT NULL CHECK (language IN ('de', 'en')),
        visibility text NOT NULL CHECK (visibility IN ('public', 'network')),
        url text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version bigint NOT NULL DEFAULT 0,
        -- title (A) and tags (B): the candidates ranked first, and the suggestions
        title_tsv tsvector NOT NULL,
        tsv tsvector NOT NULL
      )`);
    // Long columns (body, tsv) go to TOAST: the main rows stay small, so the few thousand candidate
    // rows a query reads for facets and ranking come from far fewer pages.
    await q.query(`ALTER TABLE search_documents SET (toast_tuple_target = 256)`);
    await q.query(`CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv)`);
    await q.query(`CREATE INDEX search_documents_title_tsv_idx ON search_documents USING gin (title_tsv)`);
    await q.query(`CREATE INDEX search_documents_updated_idx ON search_documents (updated_at DESC)`);
    await q.query(`
      CREATE TABLE search_lexicon (
        word text PRIMARY KEY,
        freq integer NOT NULL DEFAULT 1,
        -- the word as first written (lower case, with its umlauts), shown in "results also for …"
        display text,
        -- languages the word occurs in: 1 German, 2 English, 3 both (only those stems are searched)
        langs smallint NOT NULL DEFAULT 3
      )`);
    await q.query(`CREATE INDEX search_lexicon_trgm_idx ON search_lexicon USING gin (word gin_trgm_ops)`);
    await q.query(`CREATE INDEX search_lexicon_prefix_idx ON search_lexicon (word text_pattern_ops)`);
    // The version gate: the outbox id of the newest change applied per document, for every engine.
    await q.query(`
      CREATE TABLE search_versions (
        doc_id text PRIMARY KEY,
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Anonymised: no user, no session; the normalised query and a count per day.
    await q.query(`
      CREATE TABLE search_zero_results (
        day date NOT NULL,
        query text NOT NULL,
        count integer NOT NULL DEFAULT 1,
        PRIMARY KEY (day, query)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_zero_results`);
    await q.query(`DROP TABLE search_versions`);
    await q.query(`DROP TABLE search_lexicon`);
    await q.query(`DROP TABLE search_documents`);
    await q.query(`DROP FUNCTION praxis_tsquery(text[])`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION praxis_en`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION praxis_de`);
    await q.query(`DROP FUNCTION praxis_unaccent(text)`);
  }
}
