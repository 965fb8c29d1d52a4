import type { MigrationInterface, QueryRunner } from 'typeorm';

// The use-case list at network scale (bench:pages, 10,000 cases): its facet counts aggregated every
// visible case on every request (a materialised join of use_cases and administrations, then eight
// passes over it), and its page of cards sorted all visible rows with a window count(*) OVER () (a
// member's 9,000 wide rows spilled to disk): 20–80 ms of PostgreSQL time per request, growing with the
// data. Now:
// - use_case_facets: one narrow row per case (whether it is listed, i.e. published; public; its
//   publication time; its administration; its non-stopped adoptions; and every facet value it has as
//   a key "facet:value", the administration's Land and size class included). The page of cards is a
//   walk of its (published_at, id) index, the filters one GIN-indexable `keys && …` each.
// - use_case_facet_counts: per key and public/network, how many listed cases have it ("*": all of
//   them) — the counts of the unfiltered list and of a facet's own values when it is the only one
//   picked, without reading a case.
// Both are kept by triggers in the same transaction as every write that changes them (a case written,
// published, moved to another administration; an administration's Land or population changed; an
// adoption declared, stopped or withdrawn), whichever code path or import does it.
export class UseCaseFacets1764901200000 implements MigrationInterface {
  name = 'UseCaseFacets1764901200000';

  async up(q: QueryRunner): Promise<void> {
    // The facet keys of a case: its topics and methods (repeated as often as in the arrays, as unnest
    // counted them before), then its single values; a missing value (no tool, no size class) has no key.
    await q.query(`
      CREATE FUNCTION use_case_facet_keys(policy_areas text[], methods text[], iap2_level text, digital_tool text, status text,
                                          department text, state text, size_class text) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT 'topic:' || t FROM unnest(policy_areas) t)
            || ARRAY(SELECT 'method:' || m FROM unnest(methods) m)
            || array_remove(ARRAY['level:' || iap2_level, 'tool:' || digital_tool, 'status:' || status,
                                  'state:' || state, 'size:' || size_class, 'department:' || department], NULL)
      $$`);
    await q.query(`CREATE TABLE use_case_facets (
      use_case_id integer PRIMARY KEY REFERENCES use_cases(id) ON DELETE CASCADE,
      administration_id integer NOT NULL,
      listed boolean NOT NULL,
      public boolean NOT NULL,
      published_at timestamptz,
      adoption_count integer NOT NULL DEFAULT 0,
      keys text[] NOT NULL)`);
    await q.query(`CREATE TABLE use_case_facet_counts (
      key text NOT NULL, public boolean NOT NULL, n integer NOT NULL,
      CONSTRAINT use_case_facet_counts_pkey PRIMARY KEY (key, public))`);
    await q.query(`
      INSERT INTO use_case_facets (use_case_id, administration_id, listed, public, published_at, adoption_count, keys)
      SELECT uc.id, uc.administration_id, uc.published, uc.visibility = 'public', uc.published_at,
             (SELECT count(*) FROM use_case_adoptions ad WHERE ad.use_case_id = uc.id AND ad.status <> 'stopped'),
             use_case_facet_keys(uc.policy_areas, uc.methods, uc.iap2_level, uc.digital_tool, uc.status, uc.department, a.state, a.size_class)
        FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id`);
    await q.query(`
      INSERT INTO use_case_facet_counts (key, public, n)
      SELECT k, public, count(*) FROM (SELECT unnest(keys || '*'::text) AS k, public FROM use_case_facets WHERE listed) x GROUP BY k, public`);
    // The list's orders (newest; most adopted) as index walks, and the filters.
    await q.query(`CREATE INDEX use_case_facets_newest_idx ON use_case_facets (published_at DESC, use_case_id DESC) WHERE listed`);
    await q.query(`CREATE INDEX use_case_facets_adopted_idx ON use_case_facets (adoption_count DESC, published_at DESC, use_case_id DESC) WHERE listed`);
    await q.query(`CREATE INDEX use_case_facets_keys_idx ON use_case_facets USING gin (keys) WHERE listed`);
    // Statistics at once (how common each key is), not when autovacuum first comes by: the planner
    // picks the GIN lookup or the walk of the newest-first index from them.
    await q.query(`ANALYZE use_case_facets, use_case_facet_counts`);

    // A case's row follows the case. The administration's row is read FOR SHARE: a change of its Land
    // or population at the same time (below) waits for this write, or this write for it, so neither
    // misses the other's rows.
    await q.query(`
      CREATE FUNCTION use_case_facets_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE adm record;
      BEGIN
        SELECT state, size_class INTO adm FROM administrations WHERE id = NEW.administration_id FOR SHARE;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO use_case_facets (use_case_id, administration_id, listed, public, published_at, keys)
          VALUES (NEW.id, NEW.administration_id, NEW.published, NEW.visibility = 'public', NEW.published_at,
                  use_case_facet_keys(NEW.policy_areas, NEW.methods, NEW.iap2_level, NEW.digital_tool, NEW.status, NEW.department, adm.state, adm.size_class));
        ELSE
          UPDATE use_case_facets SET administration_id = NEW.administration_id, listed = NEW.published, public = NEW.visibility = 'public',
                 published_at = NEW.published_at,
                 keys = use_case_facet_keys(NEW.policy_areas, NEW.methods, NEW.iap2_level, NEW.digital_tool, NEW.status, NEW.department, adm.state, adm.size_class)
           WHERE use_case_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER use_cases_facets_insert AFTER INSERT ON use_cases FOR EACH ROW EXECUTE FUNCTION use_case_facets_sync()`);
    // Only writes that change what the list shows or counts (not an edit of the narrative, a new version, a reminder).
    await q.query(`CREATE TRIGGER use_cases_facets_update
      AFTER UPDATE OF published, published_at, visibility, administration_id, policy_areas, methods, iap2_level, digital_tool, status, department
      ON use_cases FOR EACH ROW
      WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.published_at IS DISTINCT FROM NEW.published_at
         OR OLD.visibility IS DISTINCT FROM NEW.visibility OR OLD.administration_id IS DISTINCT FROM NEW.administration_id
         OR OLD.policy_areas IS DISTINCT FROM NEW.policy_areas OR OLD.methods IS DISTINCT FROM NEW.methods
         OR OLD.iap2_level IS DISTINCT FROM NEW.iap2_level OR OLD.digital_tool IS DISTINCT FROM NEW.digital_tool
         OR OLD.status IS DISTINCT FROM NEW.status OR OLD.department IS DISTINCT FROM NEW.department)
      EXECUTE FUNCTION use_case_facets_sync()`);

    // An administration's Land or size class is a facet of each of its cases.
    await q.query(`
      CREATE FUNCTION use_case_facets_administration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE use_case_facets f
           SET keys = use_case_facet_keys(uc.policy_areas, uc.methods, uc.iap2_level, uc.digital_tool, uc.status, uc.department, NEW.state, NEW.size_class)
          FROM use_cases uc WHERE uc.id = f.use_case_id AND uc.administration_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER administrations_use_case_facets AFTER UPDATE OF state, population ON administrations FOR EACH ROW
      WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.size_class IS DISTINCT FROM NEW.size_class)
      EXECUTE FUNCTION use_case_facets_administration()`);

    // Adoptions that are not stopped, as the cards show them and "most adopted" sorts by them.
    await q.query(`
      CREATE FUNCTION use_case_facets_adoptions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'stopped' THEN
          UPDATE use_case_facets SET adoption_count = adoption_count - 1 WHERE use_case_id = OLD.use_case_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'stopped' THEN
          UPDATE use_case_facets SET adoption_count = adoption_count + 1 WHERE use_case_id = NEW.use_case_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER use_case_adoptions_facets AFTER INSERT OR DELETE ON use_case_adoptions
      FOR EACH ROW EXECUTE FUNCTION use_case_facets_adoptions()`);
    await q.query(`CREATE TRIGGER use_case_adoptions_facets_update AFTER UPDATE OF status, use_case_id ON use_case_adoptions FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.use_case_id IS DISTINCT FROM NEW.use_case_id)
      EXECUTE FUNCTION use_case_facets_adoptions()`);

    // The counts follow use_case_facets per statement (transition tables: an administration's move
    // updates all its cases in one statement), folded per key and sorted, so that concurrent writers
    // lock the count rows in the same order. Rows that fall to 0 stay (the keys are a bounded list).
    await q.query(`
      CREATE FUNCTION use_case_facet_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO use_case_facet_counts (key, public, n)
          SELECT k, public, count(*) FROM (SELECT unnest(keys || '*'::text) AS k, public FROM new_rows WHERE listed) x
           GROUP BY k, public ORDER BY k, public
          ON CONFLICT (key, public) DO UPDATE SET n = use_case_facet_counts.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO use_case_facet_counts (key, public, n)
          SELECT k, public, -count(*) FROM (SELECT unnest(keys || '*'::text) AS k, public FROM old_rows WHERE listed) x
           GROUP BY k, public ORDER BY k, public
          ON CONFLICT (key, public) DO UPDATE SET n = use_case_facet_counts.n + EXCLUDED.n;
        ELSE
          INSERT INTO use_case_facet_counts (key, public, n)
          SELECT k, public, sum(d) FROM (
                   SELECT unnest(keys || '*'::text) AS k, public, 1 AS d FROM new_rows WHERE listed
                   UNION ALL
                   SELECT unnest(keys || '*'::text), public, -1 FROM old_rows WHERE listed) x
           GROUP BY k, public HAVING sum(d) <> 0 ORDER BY k, public
          ON CONFLICT (key, public) DO UPDATE SET n = use_case_facet_counts.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER use_case_facets_counts_insert AFTER INSERT ON use_case_facets
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_counts_sync()`);
    await q.query(`CREATE TRIGGER use_case_facets_counts_delete AFTER DELETE ON use_case_facets
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_counts_sync()`);
    await q.query(`CREATE TRIGGER use_case_facets_counts_update AFTER UPDATE ON use_case_facets
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_counts_sync()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER use_case_adoptions_facets_update ON use_case_adoptions`);
    await q.query(`DROP TRIGGER use_case_adoptions_facets ON use_case_adoptions`);
    await q.query(`DROP TRIGGER administrations_use_case_facets ON administrations`);
    await q.query(`DROP TRIGGER use_cases_facets_update ON use_cases`);
    await q.query(`DROP TRIGGER use_cases_facets_insert ON use_cases`);
    await q.query(`DROP TABLE use_case_facet_counts`);
    await q.query(`DROP TABLE use_case_facets`);
    await q.query(`DROP FUNCTION use_case_facet_counts_sync()`);
    await q.query(`DROP FUNCTION use_case_facets_adoptions()`);
    await q.query(`DROP FUNCTION use_case_facets_administration()`);
    await q.query(`DROP FUNCTION use_case_facets_sync()`);
    await q.query(`DROP FUNCTION use_case_facet_keys(text[], text[], text, text, text, text, text, text)`);
  }
}
