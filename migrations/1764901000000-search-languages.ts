import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ISO 639-1 content language → the Snowball stemmer PostgreSQL ships for it (`<name>_stem` in
 * pg_catalog, with the configuration `<name>` it belongs to). German and English have had their
 * configurations since migration 1763700006000. A stemmer this server does not have (estonian_stem
 * is new in PostgreSQL 16, say) is skipped: its language gets praxis_simple like any other.
 */
export const SNOWBALL_LANGUAGES: Record<string, string> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', et: 'estonian',
  fi: 'finnish', fr: 'french', el: 'greek', hi: 'hindi', hu: 'hungarian', id: 'indonesian', ga: 'irish',
  it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', nn: 'norwegian',
  pt: 'portuguese', ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish',
  ta: 'tamil', tr: 'turkish', yi: 'yiddish',
};

// Search in more content languages than German and English (issue 18: content languages are
// configuration). Every language with a Snowball stemmer in this server gets its own text search
// configuration `praxis_<code>` (unaccent + that stemmer, built like praxis_de / praxis_en); any
// other language (Polish: PostgreSQL has no Polish stemmer) is indexed with `praxis_simple`
// (unaccent + lower case, no stemming), never with German rules. All are created here, for every
// known code, so that a deployment adding a language to CONTENT_LANGUAGES needs no migration and a
// configuration exists before the first document in it is indexed.
// - praxis_ts_config(language) names the configuration of a document's language (de/en without a
//   catalogue lookup; an unknown code → praxis_simple);
// - praxis_tsquery(groups, others) is praxis_tsquery(groups) (migration 1763700050000) with a third
//   language bit: "@4" stems a spelling in each of the `others` languages (the content languages
//   besides German and English), and an untagged spelling is stemmed in all of them (7). The
//   one-argument function is unchanged, and the engine keeps using it when only German and English
//   are configured, so their queries stay as they were;
// - search_documents.language takes any two-letter code (it was 'de' or 'en': other languages were
//   stored as German).
export class SearchLanguages1764901000000 implements MigrationInterface {
  name = 'SearchLanguages1764901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TEXT SEARCH CONFIGURATION praxis_simple (COPY = pg_catalog.simple)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION praxis_simple ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple`);
    const available = new Set(((await q.query(
      `SELECT d.dictname FROM pg_ts_dict d JOIN pg_ts_config c ON c.cfgname || '_stem' = d.dictname AND c.cfgnamespace = d.dictnamespace
        WHERE d.dictnamespace = 'pg_catalog'::regnamespace`,
    )) as { dictname: string }[]).map((r) => r.dictname));
    for (const [code, name] of Object.entries(SNOWBALL_LANGUAGES)) {
      if (!available.has(`${name}_stem`)) continue;
      await q.query(`CREATE TEXT SEARCH CONFIGURATION praxis_${code} (COPY = pg_catalog.${name})`);
      await q.query(`ALTER TEXT SEARCH CONFIGURATION praxis_${code} ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, ${name}_stem`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_ts_config(code text) RETURNS regconfig
        LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
        SELECT CASE code WHEN 'de' THEN 'praxis_de'::regconfig WHEN 'en' THEN 'praxis_en'::regconfig ELSE
          coalesce((SELECT c.oid::regconfig FROM pg_ts_config c
                     WHERE c.cfgname = 'praxis_' || code AND code ~ '^[a-z]{2}$' AND pg_ts_config_is_visible(c.oid)),
                   'praxis_simple'::regconfig) END
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_tsquery(groups text[], others text[]) RETURNS tsquery
        LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fn$
      DECLARE
        cfgs regconfig[];
        bits int[];
        parts text[] := '{}';
        alts text[];
        grp text;
        x text;
        word text;
        part text;
        phrase text;
        lex text[];
        langs int;
        ok boolean;
        stop boolean;
        i int;
      BEGIN
        -- German (bit 1), English (bit 2), then each other content language's configuration (bit 4).
        SELECT array_agg(t.cfg ORDER BY t.n), array_agg(t.bit ORDER BY t.n) INTO cfgs, bits
          FROM (SELECT 'praxis_de'::regconfig, 1, 0 UNION ALL SELECT 'praxis_en'::regconfig, 2, 1
                UNION ALL SELECT DISTINCT ON (praxis_ts_config(o)) praxis_ts_config(o), 4, 2
                  FROM unnest(others) AS o WHERE o NOT IN ('de', 'en')) AS t(cfg, bit, n);
        FOREACH grp IN ARRAY groups LOOP
          alts := '{}';
          stop := false;
          FOREACH x IN ARRAY string_to_array(grp, '|') LOOP
            word := split_part(x, '@', 1);
            langs := coalesce(nullif(split_part(x, '@', 2), ''), '7')::int;
            FOR i IN 1 .. cardinality(cfgs) LOOP
              CONTINUE WHEN langs & bits[i] = 0;
              IF strpos(word, '+') = 0 THEN
                IF numnode(plainto_tsquery(cfgs[i], word)) = 0 THEN stop := true; END IF;
                alts := alts || ARRAY(SELECT quote_literal(l) FROM unnest(tsvector_to_array(to_tsvector(cfgs[i], word))) AS l);
              ELSE
                phrase := NULL;
                ok := true;
                FOREACH part IN ARRAY string_to_array(word, '+') LOOP
                  lex := tsvector_to_array(to_tsvector(cfgs[i], part));
                  IF cardinality(lex) <> 1 THEN ok := false; EXIT; END IF;
                  phrase := coalesce(phrase || ' <-> ', '') || quote_literal(lex[1]);
                END LOOP;
                IF ok AND phrase IS NOT NULL THEN alts := alts || ('(' || phrase || ')'); END IF;
              END IF;
            END LOOP;
          END LOOP;
          CONTINUE WHEN stop;
          IF cardinality(alts) > 0 THEN
            parts := parts || ('(' || array_to_string(ARRAY(SELECT DISTINCT a FROM unnest(alts) AS a ORDER BY a), ' | ') || ')');
          END IF;
        END LOOP;
        IF cardinality(parts) = 0 THEN
          RETURN ''::tsquery;
        END IF;
        RETURN array_to_string(parts, ' & ')::tsquery;
      END $fn$`);
    await q.query(`ALTER TABLE search_documents DROP CONSTRAINT search_documents_language_check`);
    await q.query(`ALTER TABLE search_documents ADD CONSTRAINT search_documents_language_check CHECK (language ~ '^[a-z]{2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM search_documents WHERE language NOT IN ('de', 'en')`);
    await q.query(`ALTER TABLE search_documents DROP CONSTRAINT search_documents_language_check`);
    await q.query(`ALTER TABLE search_documents ADD CONSTRAINT search_documents_language_check CHECK (language IN ('de', 'en'))`);
    await q.query(`DROP FUNCTION praxis_tsquery(text[], text[])`);
    await q.query(`DROP FUNCTION praxis_ts_config(text)`);
    for (const code of Object.keys(SNOWBALL_LANGUAGES)) await q.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS praxis_${code}`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION praxis_simple`);
  }
}
