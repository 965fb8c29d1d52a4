import type { MigrationInterface, QueryRunner } from 'typeorm';

// The use-case list with one facet value picked (/use-cases?topic=budget, the common case: a link from
// a card, the start page or a followed topic): the other facets' counts read every listed case having
// that value (or every one not having it), up to half of the cases — 7–8 ms of PostgreSQL time per
// request at 10,000 cases (bench:pages), the page's main cost, growing with the data. Now:
// - use_case_facet_pair_counts: per key v, key `other` of another facet and public/network, how many
//   listed cases have both ("*": how many have v) — the count the scan made, for any value picked alone,
//   and for several values of a facet a case has at most one of (summed: no case counted twice).
//   Kept like use_case_facet_counts, by statement triggers on use_case_facets in the same transaction.
//   A case with k keys adds about k² pairs; the table stays below (number of keys)² × 2 rows.
// - New cases reach use_case_facets per INSERT statement rather than per row (see below), so that a
//   bulk insert of cases folds its pairs once.

/**
 * The pairs of the listed cases among `rows` (use_case_facets or a transition table of it): each
 * distinct key v of a case with each key of another facet (facet = the text before ':'), as often as
 * the case has it (a topic repeated in policy_areas counted twice, as unnest counted it), and "*" once.
 * A pair within a facet is never read: that facet's own counts are the maintained ones.
 */
const pairsOf = (rows: string) => `
  SELECT v.v AS key, k.k AS other, r.public
    FROM ${rows} r
   CROSS JOIN LATERAL (SELECT DISTINCT v FROM unnest(r.keys) v) v
   CROSS JOIN LATERAL unnest(r.keys || '*'::text) k
   WHERE r.listed AND (k.k = '*' OR split_part(k.k, ':', 1) <> split_part(v.v, ':', 1))`;

export class UseCaseFacetPairs1764901700000 implements MigrationInterface {
  name = 'UseCaseFacetPairs1764901700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE use_case_facet_pair_counts (
      key text NOT NULL, other text NOT NULL, public boolean NOT NULL, n integer NOT NULL,
      CONSTRAINT use_case_facet_pair_counts_pkey PRIMARY KEY (key, other, public))`);
    await q.query(`
      INSERT INTO use_case_facet_pair_counts (key, other, public, n)
      SELECT key, other, public, count(*) FROM (${pairsOf('use_case_facets')}) p GROUP BY key, other, public`);
    await q.query(`ANALYZE use_case_facet_pair_counts`);

    // As use_case_facet_counts_sync: per statement, folded per (key, other, public) and sorted, so that
    // concurrent writers lock the pair rows in the same order (and after the count rows: triggers on
    // one event fire in name order, "counts" before "pairs"). Rows that fall to 0 stay. An UPDATE that
    // leaves a case's keys, listing and visibility as they were (an adoption declared, a new
    // publication time) adds nothing: only rows that changed in one of them are paired — matched by
    // use_case_id and those three, so a row whose id changed (none do) would count as changed too.
    await q.query(`
      CREATE FUNCTION use_case_facet_pair_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO use_case_facet_pair_counts (key, other, public, n)
          SELECT key, other, public, count(*) FROM (${pairsOf('new_rows')}) p
           GROUP BY key, other, public ORDER BY key, other, public
          ON CONFLICT (key, other, public) DO UPDATE SET n = use_case_facet_pair_counts.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO use_case_facet_pair_counts (key, other, public, n)
          SELECT key, other, public, -count(*) FROM (${pairsOf('old_rows')}) p
           GROUP BY key, other, public ORDER BY key, other, public
          ON CONFLICT (key, other, public) DO UPDATE SET n = use_case_facet_pair_counts.n + EXCLUDED.n;
        ELSE
          INSERT INTO use_case_facet_pair_counts (key, other, public, n)
          SELECT key, other, public, sum(d) FROM (
                   SELECT key, other, public, 1 AS d FROM (${pairsOf(`(SELECT * FROM new_rows n WHERE NOT EXISTS (
                       SELECT 1 FROM old_rows o WHERE o.use_case_id = n.use_case_id
                          AND (o.keys, o.listed, o.public) IS NOT DISTINCT FROM (n.keys, n.listed, n.public)))`)}) p
                   UNION ALL
                   SELECT key, other, public, -1 FROM (${pairsOf(`(SELECT * FROM old_rows o WHERE NOT EXISTS (
                       SELECT 1 FROM new_rows n WHERE n.use_case_id = o.use_case_id
                          AND (n.keys, n.listed, n.public) IS NOT DISTINCT FROM (o.keys, o.listed, o.public)))`)}) p) x
           GROUP BY key, other, public HAVING sum(d) <> 0 ORDER BY key, other, public
          ON CONFLICT (key, other, public) DO UPDATE SET n = use_case_facet_pair_counts.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER use_case_facets_pairs_insert AFTER INSERT ON use_case_facets
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_pair_counts_sync()`);
    await q.query(`CREATE TRIGGER use_case_facets_pairs_delete AFTER DELETE ON use_case_facets
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_pair_counts_sync()`);
    await q.query(`CREATE TRIGGER use_case_facets_pairs_update AFTER UPDATE ON use_case_facets
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION use_case_facet_pair_counts_sync()`);

    // New cases become facet rows per statement, not per row: the counts above are folded per
    // statement on use_case_facets, and a row trigger on use_cases made one statement per case. In one
    // transaction, every such statement updated the same count rows again (a bulk INSERT of cases in one
    // department: every pair with that department), each update walking the versions the transaction
    // left before it — 4,000 cases in one INSERT took 70 s instead of 1.6 s without the pairs (the
    // benchmark data and the list test insert 10,000). Now such an INSERT writes every facet row, and
    // every count, once. Updates stay per row (a case is edited, published or moved one at a time).
    await q.query(`
      CREATE FUNCTION use_case_facets_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The administrations FOR SHARE, as use_case_facets_sync reads them.
        INSERT INTO use_case_facets (use_case_id, administration_id, listed, public, published_at, keys)
        SELECT n.id, n.administration_id, n.published, n.visibility = 'public', n.published_at,
               use_case_facet_keys(n.policy_areas, n.methods, n.iap2_level, n.digital_tool, n.status, n.department, a.state, a.size_class)
          FROM new_cases n JOIN administrations a ON a.id = n.administration_id
           FOR SHARE OF a;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER use_cases_facets_insert ON use_cases`);
    await q.query(`CREATE TRIGGER use_cases_facets_insert AFTER INSERT ON use_cases
      REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION use_case_facets_insert_rows()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER use_cases_facets_insert ON use_cases`);
    await q.query(`CREATE TRIGGER use_cases_facets_insert AFTER INSERT ON use_cases FOR EACH ROW EXECUTE FUNCTION use_case_facets_sync()`);
    await q.query(`DROP FUNCTION use_case_facets_insert_rows()`);
    await q.query(`DROP TRIGGER use_case_facets_pairs_update ON use_case_facets`);
    await q.query(`DROP TRIGGER use_case_facets_pairs_delete ON use_case_facets`);
    await q.query(`DROP TRIGGER use_case_facets_pairs_insert ON use_case_facets`);
    await q.query(`DROP FUNCTION use_case_facet_pair_counts_sync()`);
    await q.query(`DROP TABLE use_case_facet_pair_counts`);
  }
}
