// Reads for the use-case library. The list page runs a constant number of queries whatever the data
// size: the reference administration (for "similar", see usecases.similar.ts), the administrations to
// pick a reference from, one page of cards, and the total with all facet counts in one statement
// (disjunctive faceting: a facet's counts apply every OTHER facet's filter, so the alternatives within
// a facet stay visible and combinable). Both read the maintained use_case_facets (below), so their
// cost follows the page and the picked facets rather than the number of cases; the counts with nothing
// or one value picked (the usual case) are lookups in maintained counts, at any data size.
import type { UseCaseFields } from './case.queries.js';
import type { DataSource, EntityManager } from 'typeorm';
import { EXCERPT_SOURCE_CHARS, plainExcerpt } from '../../shared/excerpt.js';
import type { Page } from '../../shared/pagination.js';
import { preparedQuery } from '../../db/prepared.js';
import { rows, type Queryable } from '../../db/sql.js';
import { notFound } from '../../shared/errors.js';
import { SIZE_CLASSES, STATE_CODES, similaritySql, type SimilarityRef } from '../administrations/index.js';
import { IAP2_LEVELS, STATUSES, termKeys, type TaxonomyList } from './usecases.taxonomy.js';

export const FACETS = ['topic', 'method', 'level', 'tool', 'status', 'state', 'size', 'department'] as const;
export type Facet = (typeof FACETS)[number];
export type Filter = Partial<Record<Facet, string[]>>;
export const SORTS = ['newest', 'adopted', 'similar'] as const;
export type Sort = (typeof SORTS)[number];

/** The allowed values of each facet; unknown values in the URL are ignored. */
export function facetValues(f: Facet): readonly string[] {
  const tax: Partial<Record<Facet, TaxonomyList>> = { topic: 'policy-areas', method: 'methods', tool: 'digital-tools', department: 'departments' };
  if (tax[f]) return termKeys(tax[f]!);
  if (f === 'level') return IAP2_LEVELS;
  if (f === 'status') return STATUSES;
  if (f === 'state') return STATE_CODES;
  return SIZE_CLASSES;
}

export function filterFromQuery(q: Record<string, unknown>): Filter {
  const filter: Filter = {};
  for (const f of FACETS) {
    const raw = q[f];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    const allowed = facetValues(f);
    const picked = [...new Set(values.filter((v) => allowed.includes(v)))].slice(0, 20);
    if (picked.length) filter[f] = picked;
  }
  return filter;
}

/** Filter values the exports do not know, per facet with the allowed values; empty values count as absent. */
export function unknownFilterValues(q: Record<string, unknown>): { facet: Facet; values: string[]; allowed: readonly string[] }[] {
  const out: { facet: Facet; values: string[]; allowed: readonly string[] }[] = [];
  for (const f of FACETS) {
    const raw = q[f];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String).filter((v) => v !== '');
    const allowed = facetValues(f);
    const unknown = [...new Set(values.filter((v) => !allowed.includes(v)))];
    if (unknown.length) out.push({ facet: f, values: unknown, allowed });
  }
  return out;
}

/** SQL for each facet's condition (on use_cases uc joined with administrations a). */
const FACET_SQL: Record<Facet, (p: string) => string> = {
  topic: (p) => `uc.policy_areas && ${p}::text[]`,
  method: (p) => `uc.methods && ${p}::text[]`,
  level: (p) => `uc.iap2_level = ANY(${p}::text[])`,
  tool: (p) => `uc.digital_tool = ANY(${p}::text[])`,
  status: (p) => `uc.status = ANY(${p}::text[])`,
  state: (p) => `a.state = ANY(${p}::text[])`,
  size: (p) => `a.size_class = ANY(${p}::text[])`,
  department: (p) => `uc.department = ANY(${p}::text[])`,
};

/** Published cases the reader may see: visitors only public ones. */
const VISIBLE = (signedIn: boolean) => (signedIn ? `uc.published` : `uc.published AND uc.visibility = 'public'`);

export function conditions(filter: Filter, params: unknown[]): Partial<Record<Facet, string>> {
  const out: Partial<Record<Facet, string>> = {};
  for (const f of FACETS) {
    if (!filter[f]?.length) continue;
    params.push(filter[f]);
    out[f] = FACET_SQL[f](`$${params.length}`);
  }
  return out;
}

export interface CardRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  language: string;
  status: string;
  methods: string[];
  policyAreas: string[];
  administrationName: string;
  administrationSlug: string;
  state: string;
  sizeClass: string | null;
  /** The case's administration as the similarity score sees it (kind, population; state above). */
  administrationKind: string;
  population: number | null;
  adoptionCount: number;
  verified: boolean;
  visibility: string;
  publishedAt: Date;
}

const ADOPTIONS = `(SELECT count(*)::int FROM use_case_adoptions ad WHERE ad.use_case_id = uc.id AND ad.status <> 'stopped')`;

// The list page reads use_case_facets (f), a narrow row per case kept by triggers with every write
// (migration 1764901200000): whether it is listed (published) and public, its publication time, its
// non-stopped adoptions, and its facet values as keys "facet:value" (its administration's Land and size
// class included), use_case_facet_counts, how many listed cases have each key ("*": all of them), and
// use_case_facet_pair_counts (migration 1764901700000), how many have a key and one of another facet.

/** A facet's picked values as keys of use_case_facets.keys ("topic:budget"). */
const facetKeys = (f: Facet, values: readonly string[]) => values.map((v) => `${f}:${v}`);

/** Listed cases the reader may see, on use_case_facets f: visitors only public ones (as VISIBLE). */
const LISTED = (signedIn: boolean) => (signedIn ? 'f.listed' : 'f.listed AND f.public');

/** Each picked facet's condition on use_case_facets f: one of its keys (values within a facet are ORed). */
function keyConditions(filter: Filter, params: unknown[]): Partial<Record<Facet, string>> {
  const out: Partial<Record<Facet, string>> = {};
  for (const f of FACETS) {
    if (!filter[f]?.length) continue;
    params.push(facetKeys(f, filter[f]));
    out[f] = `f.keys && $${params.length}::text[]`;
  }
  return out;
}

/**
 * One page of cards. The page is chosen on use_case_facets alone (an index walk in the list's order,
 * the filters checked on the way), and only its rows are read from use_cases and administrations.
 */
export async function listCases(
  ds: Queryable,
  o: { filter: Filter; sort: Sort; signedIn: boolean; ref: SimilarityRef | null; page: Page },
): Promise<CardRow[]> {
  const params: unknown[] = [o.page.limit, o.page.offset];
  const where = [LISTED(o.signedIn), ...Object.values(keyConditions(o.filter, params))];
  let from = 'use_case_facets f';
  let score = '';
  let order = ['published_at DESC', 'use_case_id DESC'];
  if (o.sort === 'adopted') order = ['adoption_count DESC', ...order];
  if (o.sort === 'similar' && o.ref) {
    // A graded score (similarity.ts), then the newest: a village's reader sees villages and small
    // towns first, never a city merely because nothing matched exactly.
    params.push(o.ref.kind, o.ref.population, o.ref.state);
    const n = params.length;
    from += ' JOIN administrations sa ON sa.id = f.administration_id';
    score = `, ${similaritySql('sa', { kind: `$${n - 2}`, population: `$${n - 1}`, state: `$${n}` })} AS score`;
    order = ['score DESC', ...order];
  }
  return rows<CardRow>(ds,
    `SELECT uc.id, uc.slug, uc.title, uc.summary, uc.language, uc.status, uc.methods, uc.policy_areas AS "policyAreas",
            a.name AS "administrationName", a.slug AS "administrationSlug", a.state, a.size_class AS "sizeClass",
            a.kind AS "administrationKind", a.population,
            p.adoption_count AS "adoptionCount", (uc.verified_at IS NOT NULL) AS verified, uc.visibility,
            uc.published_at AS "publishedAt"
       FROM (SELECT f.use_case_id, f.published_at, f.adoption_count${score} FROM ${from}
              WHERE ${where.join(' AND ')}
              ORDER BY ${order.map((x) => (x.startsWith('score') ? x : `f.${x}`)).join(', ')} LIMIT $1 OFFSET $2) p
       JOIN use_cases uc ON uc.id = p.use_case_id JOIN administrations a ON a.id = uc.administration_id
      ORDER BY ${order.map((x) => `p.${x}`).join(', ')}`,
    params,
  );
}

export type FacetCounts = Record<Facet, Record<string, number>>;

/** Facets a case has at most one value of: several picked values of one never both count a case. */
const SINGLE_VALUED: ReadonlySet<Facet> = new Set(['level', 'tool', 'status', 'state', 'size', 'department']);

/**
 * Every facet's value counts and the list's total in one statement (disjunctive faceting: a facet's
 * counts apply every OTHER picked facet).
 * - Nothing picked: the maintained counts.
 * - One facet picked, with one value or several of a facet a case has at most one of (SINGLE_VALUED):
 *   lookups only, whatever the data size. Its own values' counts are the maintained ones (no other
 *   facet applies to them); every other facet's and the total are the maintained pair counts of the
 *   picked values, summed (no case has two of them, so none is counted twice).
 * - One facet picked with several values a case may have together (topics, methods): its own values'
 *   counts are the maintained ones; every other facet counts the cases having one of its picked
 *   values — or, when those are more than half of the cases (judged from the maintained counts), the
 *   maintained counts minus the cases that have none of them. Either way at most half of the cases are read.
 * - More: one pass over the cases that match at least one picked facet: a case that matches all counts
 *   for every facet, one that misses one picked facet counts for that facet only, others for none.
 * Rows say whether they are a facet's own maintained counts (`own`, the one picked facet's) or counted.
 */
export async function facetCounts(ds: Queryable, filter: Filter, signedIn: boolean): Promise<{ counts: FacetCounts; total: number }> {
  const params: unknown[] = [];
  const conds = keyConditions(filter, params);
  const picked = FACETS.filter((f) => conds[f]);
  const ownFacet = picked.length === 1 ? picked[0] : undefined;
  const listed = LISTED(signedIn);
  const maintained = `SELECT c.key, sum(c.n)::int AS n FROM use_case_facet_counts c ${signedIn ? '' : 'WHERE c.public'} GROUP BY c.key`;
  const keysOf = (where: string) => `SELECT unnest(f.keys || '*'::text) AS k FROM use_case_facets f WHERE ${listed} AND ${where}`;
  /** The picked facet's own maintained counts and every other facet's pair counts of the picked keys. */
  const ownAndPairs = (facet: Facet, keyCondition: string) =>
    `SELECT key, n, true AS own FROM (${maintained}) m WHERE starts_with(key, '${facet}:')
      UNION ALL
     SELECT p.other, sum(p.n)::int, false FROM use_case_facet_pair_counts p
      WHERE ${keyCondition} ${signedIn ? '' : 'AND p.public'} GROUP BY p.other`;
  // The two shapes of nearly every view are named statements, one text per reader (and facet):
  // PostgreSQL planned them on every view (0.3–0.4 ms, four times their running). The picked key
  // is a single text there: with `= ANY($1)` the generic plan's estimate stayed above the custom
  // one's and PostgreSQL kept planning (tests/db/generic-plans.test.ts).
  const reader = signedIn ? 'members' : 'public';
  type Found = { key: string; n: number; own: boolean };
  let found: Found[];
  if (picked.length === 0) {
    found = await preparedQuery<Found>(ds, `usecases-facet-counts-all-${reader}`, `SELECT key, n, false AS own FROM (${maintained}) m`, []);
  } else if (ownFacet && filter[ownFacet]!.length === 1) {
    found = await preparedQuery<Found>(ds, `usecases-facet-counts-one-${ownFacet}-${reader}`, ownAndPairs(ownFacet, 'p.key = $1'), [facetKeys(ownFacet, filter[ownFacet]!)[0]]);
  } else if (ownFacet && SINGLE_VALUED.has(ownFacet)) {
    // $1: the picked keys (keyConditions).
    found = await rows<Found>(ds, ownAndPairs(ownFacet, 'p.key = ANY($1::text[])'), params);
  } else if (picked.length === 1) {
    const g = picked[0]!;
    const cond = conds[g]!;
    found = await rows<Found>(ds,
      `WITH m AS (${maintained}),
                big AS (SELECT coalesce(sum(n) FILTER (WHERE key = ANY($1::text[])), 0) * 2 > coalesce(sum(n) FILTER (WHERE key = '*'), 0) AS yes FROM m)
           SELECT key, n, true AS own FROM m WHERE starts_with(key, '${g}:')
           UNION ALL
           SELECT k, count(*)::int, false FROM (${keysOf(`${cond} AND NOT (SELECT yes FROM big)`)}) x GROUP BY k
           UNION ALL
           SELECT key, sum(n)::int, false FROM (
             SELECT key, n FROM m WHERE (SELECT yes FROM big)
             UNION ALL
             SELECT k, -1 FROM (${keysOf(`NOT ${cond} AND (SELECT yes FROM big)`)}) x) y
            GROUP BY key`, params);
  } else {
    params.push(picked.flatMap((f) => facetKeys(f, filter[f]!)));
    const miss = picked.map((f) => `(NOT ${conds[f]})::int`).join(' + ');
    const only = `CASE ${picked.map((f) => `WHEN NOT ${conds[f]} THEN '${f}:'`).join(' ')} END`;
    found = await rows<Found>(ds,
      `SELECT k AS key, count(*)::int AS n, false AS own FROM (
             SELECT unnest(r.keys || '*'::text) AS k, r.miss, r.only FROM (
               SELECT f.keys, ${miss} AS miss, ${only} AS only FROM use_case_facets f
                WHERE ${listed} AND f.keys && $${params.length}::text[]) r
              WHERE r.miss <= 1) x
            WHERE x.miss = 0 OR starts_with(x.k, x.only) GROUP BY k`, params);
  }
  const counts = Object.fromEntries(FACETS.map((f) => [f, {}])) as FacetCounts;
  let total = 0;
  for (const { key, n, own } of found) {
    if (key === '*') { total = n; continue; }
    const at = key.indexOf(':');
    const facet = key.slice(0, at) as Facet;
    if (counts[facet] && own === (facet === ownFacet)) counts[facet][key.slice(at + 1)] = n;
  }
  return { counts, total };
}

export interface ExportRow extends UseCaseFields {
  slug: string;
  title: string;
  summary: string;
  administration: string;
  administrationSlug: string;
  ags: string | null;
  state: string;
  sizeClass: string | null;
  language: string;
  narrative: Record<string, string>;
  adoptionCount: number;
  verifiedAt: Date | null;
  publishedAt: Date;
  updatedAt: Date;
  derivedFrom: string | null;
}

/** Open data: published public cases only, whoever asks, with the list's filters. */
export async function exportCases(ds: DataSource, filter: Filter): Promise<ExportRow[]> {
  const params: unknown[] = [];
  const where = [VISIBLE(false), ...Object.values(conditions(filter, params))];
  return rows(ds,
    `SELECT uc.slug, uc.title, uc.summary, a.name AS administration, a.slug AS "administrationSlug", a.ags, a.state,
            a.size_class AS "sizeClass", uc.department, uc.department_other AS "departmentOther", uc.status,
            uc.policy_areas AS "policyAreas", uc.iap2_level AS "iap2Level", uc.methods, uc.start_date::text AS "startDate",
            uc.end_date::text AS "endDate", uc.formal_basis AS "formalBasis", uc.council_decision AS "councilDecision",
            uc.digital_tool AS "digitalTool", uc.format, uc.target_groups AS "targetGroups", uc.participant_count AS "participantCount",
            uc.budget_band AS "budgetBand", uc.staff_effort_days AS "staffEffortDays", uc.language, uc.narrative,
            ${ADOPTIONS} AS "adoptionCount", uc.verified_at AS "verifiedAt", uc.published_at AS "publishedAt", uc.updated_at AS "updatedAt",
            (SELECT d.slug FROM use_cases d WHERE d.id = uc.derived_from_id AND d.published AND d.visibility = 'public') AS "derivedFrom"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE ${where.join(' AND ')} ORDER BY uc.published_at DESC, uc.id DESC`,
    params,
  );
}

/** The case page's facts about a case beyond its own row (caseExtras). */
export interface CaseMeta {
  administrationName: string; administrationSlug: string; state: string; sizeClass: string; kind: string;
  publishedAt: Date | null; updatedAt: Date; verifiedAt: Date | null; verifiedByName: string | null;
  ownerName: string | null; ownerHandle: string | null; createdById: number | null;
  derivedFromSlug: string | null; derivedFromTitle: string | null; followerCount: number; following: boolean;
}
export interface CasePerson { kind: 'editor' | 'contact' | 'follower'; id: number; handle: string; name: string; jobTitle: string; optedIn: boolean }
export interface CaseAdoption {
  status: string; note: string; updatedAt: Date; administrationId: number; administrationName: string; administrationSlug: string;
  derivedSlug: string | null; derivedTitle: string | null; derivedPublished: boolean | null;
}
export interface DerivedCase { slug: string; title: string; language: string; administrationName: string }
export interface CaseAttachment { id: number; filename: string; contentType: string; sizeBytes: number; licence: string; description: string; createdAt: Date }
export interface CaseComment {
  id: number; parentId: number | null; authorId: number | null; bodySource: string; bodyHtml: string;
  createdAt: Date; editedAt: Date | null; deletedAt: Date | null; authorName: string | null; authorHandle: string | null;
  hiddenAt: Date | null; language: string; openFlags: number;
}
export interface CaseRevisionEntry { version: number; diff: string; createdAt: Date; authorName: string | null }

/** Everything the case page shows besides the case itself, in a handful of queries (named statements usecases-case-*). */
export async function caseExtras(ds: DataSource, id: number, viewerId: number | null, moderator = false) {
  const [meta] = await preparedQuery<CaseMeta>(ds, 'usecases-case-meta',
    `SELECT a.name AS "administrationName", a.slug AS "administrationSlug", a.state, a.size_class AS "sizeClass", a.kind,
            uc.published_at AS "publishedAt", uc.updated_at AS "updatedAt", uc.verified_at AS "verifiedAt",
            v.name AS "verifiedByName", o.name AS "ownerName", o.handle AS "ownerHandle", uc.created_by_id AS "createdById",
            d.slug AS "derivedFromSlug", d.title AS "derivedFromTitle",
            (SELECT count(*)::int FROM use_case_follows f WHERE f.use_case_id = uc.id) AS "followerCount",
            EXISTS (SELECT 1 FROM use_case_follows f WHERE f.use_case_id = uc.id AND f.user_id = $2) AS following
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
       LEFT JOIN users v ON v.id = uc.verified_by_id LEFT JOIN users o ON o.id = uc.owner_id
       LEFT JOIN use_cases d ON d.id = uc.derived_from_id
      WHERE uc.id = $1`,
    [id, viewerId ?? 0],
  );
  // The case was loaded by the caller; gone since (deleted meanwhile) is a 404 like any missing case.
  if (!meta) throw notFound();
  const people = await preparedQuery<CasePerson>(ds, 'usecases-case-people',
    `SELECT 'editor' AS kind, u.id, u.handle, u.name, u.job_title AS "jobTitle", true AS "optedIn" FROM use_case_editors e JOIN users u ON u.id = e.user_id WHERE e.use_case_id = $1
     UNION ALL
     SELECT 'contact', u.id, u.handle, u.name, u.job_title, c.opted_in_at IS NOT NULL FROM use_case_contacts c JOIN users u ON u.id = c.user_id
      WHERE c.use_case_id = $1 AND u.status = 'active'
     UNION ALL
     SELECT 'follower', u.id, u.handle, u.name, u.job_title, true FROM use_case_follows f JOIN users u ON u.id = f.user_id
      WHERE f.use_case_id = $1 AND u.status = 'active'`,
    [id],
  );
  const adoptions = await preparedQuery<CaseAdoption>(ds, 'usecases-case-adoptions',
    `SELECT ad.status, ad.note, ad.updated_at AS "updatedAt", ad.administration_id AS "administrationId", a.name AS "administrationName",
            a.slug AS "administrationSlug", d.slug AS "derivedSlug", d.title AS "derivedTitle",
            -- linked only when the reader may open it: published, and public for visitors
            (d.published AND ($2::int IS NOT NULL OR d.visibility = 'public')) AS "derivedPublished"
       FROM use_case_adoptions ad JOIN administrations a ON a.id = ad.administration_id
       LEFT JOIN use_cases d ON d.id = ad.derived_use_case_id
      WHERE ad.use_case_id = $1 ORDER BY ad.updated_at DESC`,
    [id, viewerId],
  );
  const derived = await preparedQuery<DerivedCase>(ds, 'usecases-case-derived',
    `SELECT d.slug, d.title, d.language, a.name AS "administrationName" FROM use_cases d JOIN administrations a ON a.id = d.administration_id
      WHERE d.derived_from_id = $1 AND d.published AND ($2::int IS NOT NULL OR d.visibility = 'public') ORDER BY d.id`,
    [id, viewerId],
  );
  const attachments = await preparedQuery<CaseAttachment>(ds, 'usecases-case-attachments',
    `SELECT id, filename, content_type AS "contentType", size_bytes AS "sizeBytes", licence, description, created_at AS "createdAt"
       FROM use_case_attachments WHERE use_case_id = $1 ORDER BY id`,
    [id],
  );
  const comments = await preparedQuery<CaseComment>(ds, 'usecases-case-comments',
    `SELECT c.id, c.parent_id AS "parentId", c.author_id AS "authorId", c.body_source AS "bodySource", c.body_html AS "bodyHtml",
            c.created_at AS "createdAt", c.edited_at AS "editedAt", c.deleted_at AS "deletedAt",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName", u.handle AS "authorHandle",
            c.hidden_at AS "hiddenAt", c.language,
            (SELECT count(*)::int FROM use_case_comment_flags f WHERE f.comment_id = c.id AND f.resolved_at IS NULL) AS "openFlags"
       FROM use_case_comments c LEFT JOIN users u ON u.id = c.author_id
      WHERE c.use_case_id = $1 AND (c.hidden_at IS NULL OR $2) ORDER BY c.id`,
    [id, moderator],
  );
  const revisions = await preparedQuery<CaseRevisionEntry>(ds, 'usecases-case-revisions',
    `SELECT r.version, r.diff, r.created_at AS "createdAt", u.name AS "authorName"
       FROM use_case_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.use_case_id = $1 ORDER BY r.version DESC LIMIT 50`,
    [id],
  );
  return { meta, people, adoptions, derived, attachments, comments, revisions };
}

export async function reviewQueue(ds: DataSource) {
  return rows(ds,
    `SELECT uc.slug, uc.title, uc.language, uc.next_review_at::text AS "nextReviewAt", a.name AS "administrationName", uc.verified_at AS "verifiedAt"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.published AND uc.next_review_at IS NOT NULL AND uc.next_review_at < current_date
      ORDER BY uc.next_review_at, uc.id LIMIT 500`,
  );
}

export async function myCases(ds: DataSource, userId: number) {
  return rows(ds,
    `SELECT uc.slug, uc.title, uc.language, uc.published, uc.updated_at AS "updatedAt", a.name AS "administrationName"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.created_by_id = $1 OR EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = uc.id AND e.user_id = $1)
      ORDER BY uc.updated_at DESC LIMIT 200`,
    [userId],
  );
}

/**
 * For the administration's profile page: its own cases and its adoptions, as the reader may see them.
 * Named statements per reader kind (VISIBLE differs for members and visitors).
 */
export async function administrationSection(ds: DataSource | EntityManager, administrationId: number, signedIn: boolean) {
  const reader = signedIn ? 'member' : 'visitor';
  const cases = await preparedQuery(ds, `usecases-administration-cases-${reader}`,
    `SELECT uc.slug, uc.title, uc.language, uc.status FROM use_cases uc
      WHERE uc.administration_id = $1 AND ${VISIBLE(signedIn)} ORDER BY uc.published_at DESC LIMIT 100`,
    [administrationId],
  );
  const adoptions = await preparedQuery(ds, `usecases-administration-adoptions-${reader}`,
    `SELECT uc.slug, uc.title, uc.language, ad.status, ad.note, o.name AS "originName"
       FROM use_case_adoptions ad JOIN use_cases uc ON uc.id = ad.use_case_id JOIN administrations o ON o.id = uc.administration_id
      WHERE ad.administration_id = $1 AND ${VISIBLE(signedIn)} ORDER BY ad.updated_at DESC LIMIT 100`,
    [administrationId],
  );
  return { cases, adoptions };
}

/** Facilitators: comments with open flags, oldest first. */
export async function openFlags(ds: DataSource) {
  const flagged = await rows<{ excerpt: string }>(ds,
    `SELECT c.id, uc.slug, uc.title, uc.language, c.language AS "commentLanguage", left(c.body_source, ${EXCERPT_SOURCE_CHARS}) AS excerpt, count(f.*)::int AS flags, min(f.created_at) AS "firstFlaggedAt",
            string_agg(f.reason, ' · ' ORDER BY f.created_at) AS reasons
       FROM use_case_comment_flags f JOIN use_case_comments c ON c.id = f.comment_id JOIN use_cases uc ON uc.id = c.use_case_id
      WHERE f.resolved_at IS NULL GROUP BY c.id, uc.slug, uc.title, uc.language ORDER BY min(f.created_at) LIMIT 200`,
  );
  return flagged.map((r) => ({ ...r, excerpt: plainExcerpt(r.excerpt, 200) })); // the comment as read, not its Markdown
}
