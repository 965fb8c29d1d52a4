import type { MigrationInterface, QueryRunner } from 'typeorm';

// Search: compounds and hyphenated words ("Vorabstimmung" / "Vorab-Abstimmung", "Bürgerhaushalt" /
// "Bürger-Haushalt"). A query word's spellings may now include a phrase, written with "+"
// ("vorab+abstimmung@1"): its parts are stemmed one by one and must stand side by side
// ('vorab' <-> 'abstimm'), which is how PostgreSQL's parser indexes the parts of a hyphenated word.
// The engine offers such phrases for a compound typed whole, and the joined compound for one typed
// with a hyphen, when the lexicon knows the parts (src/modules/search/postgres.engine.ts). A phrase
// whose part is a stop word (or stems to more than one lexeme) is left out; single spellings behave
// as before.
export class SearchCompounds1763700050000 implements MigrationInterface {
  name = 'SearchCompounds1763700050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION praxis_tsquery(groups text[]) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
      DECLARE
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
        c record;
      BEGIN
        FOREACH grp IN ARRAY groups LOOP
          alts := '{}';
          stop := false;
          FOREACH x IN ARRAY string_to_array(grp, '|') LOOP
            word := split_part(x, '@', 1);
            langs := coalesce(nullif(split_part(x, '@', 2), ''), '3')::int;
            FOR c IN SELECT t.cfg FROM (VALUES ('praxis_de'::regconfig, 1), ('praxis_en'::regconfig, 2)) AS t(cfg, bit) WHERE langs & t.bit = t.bit LOOP
              IF strpos(word, '+') = 0 THEN
                IF numnode(plainto_tsquery(c.cfg, word)) = 0 THEN stop := true; END IF;
                alts := alts || ARRAY(SELECT quote_literal(l) FROM unnest(tsvector_to_array(to_tsvector(c.cfg, word))) AS l);
              ELSE
                phrase := NULL;
                ok := true;
                FOREACH part IN ARRAY string_to_array(word, '+') LOOP
                  lex := tsvector_to_array(to_tsvector(c.cfg, part));
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
  }

  async down(q: QueryRunner): Promise<void> {
    // The function as migration 1763700006000 created it.
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
    await q.query(``);
  }
}
