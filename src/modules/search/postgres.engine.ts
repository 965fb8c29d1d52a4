// The PostgreSQL adapter: weighted tsvector (title A > tags B > body C) with German or English
// stemming plus unaccent, GIN indexes, typo correction against a lexicon of distinct words with a
// trigram index, and ranking limited to the best few thousand candidates (ts_rank over every
// match of a common word is far too slow at a million documents).
import type { DataSource } from 'typeorm';
import type { SearchDocType } from '../../shared/search-index.js';
import {
  emptyFacets,
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  type Audience,
  type EngineHealth,
  type FacetName,
  type Rebuild,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
  type VersionedDocument,
} from './search.engine.js';
import { corrections, HL_END, HL_START, highlightHtml, MIN_TYPO_LENGTH, stripMarkers, unaccent, variants, words } from './search.text.js';

export interface PostgresEngineOptions {
  /** Table names (tests and the reindex build their own beside the live ones). */
  documents?: string;
  lexicon?: string;
  /** Candidates per query: documents with every word in title or tags, and any matches. The
   * total, the facet counts and the ranking cover these; broader queries report a lower bound. */
  titleCandidates?: number;
  candidates?: number;
}

const IDENT = /^[a-z_][a-z0-9_]{0,50}$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid table name: ${name}`);
  return name;
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const FACET_COLUMNS: Record<FacetName, { column: string; array: boolean }> = {
  type: { column: 'type', array: false },
  topic: { column: 'topics', array: true },
  method: { column: 'methods', array: true },
  administration: { column: 'administration', array: false },
  state: { column: 'state', array: false },
  sizeClass: { column: 'size_class', array: false },
  language: { column: 'language', array: false },
};

/** Distinct lexicon words of a document (accents removed → as written, lower case), 3–40 characters, not numbers. */
export function lexiconWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of words(text, 100_000)) {
    if (w.length < 3 || /^\d+$/.test(w)) continue;
    const key = unaccent(w);
    if (!out.has(key)) out.set(key, w);
  }
  return out;
}

interface HitRow {
  id: string;
  type: SearchDocType;
  title: string;
  url: string;
  language: 'de' | 'en';
  administration: string | null;
  updated_at: Date;
  excerpt: string;
  title_hl: string | null;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly docs: string;
  private readonly lex: string;
  private readonly titleCandidates: number;
  private readonly candidates: number;

  constructor(
    private readonly ds: DataSource,
    opts: PostgresEngineOptions = {},
  ) {
    this.docs = ident(opts.documents ?? 'search_documents');
    this.lex = ident(opts.lexicon ?? 'search_lexicon');
    this.titleCandidates = opts.titleCandidates ?? 300;
    this.candidates = opts.candidates ?? 1000;
  }

  /** Creates this engine's tables when they are not the migrated ones (tests, rebuilds). */
  async setup(): Promise<void> {
    if (this.docs !== 'search_documents') {
      await this.ds.query(`CREATE TABLE IF NOT EXISTS ${this.docs} (LIKE search_documents INCLUDING ALL)`);
      await this.ds.query(`ALTER TABLE ${this.docs} SET (toast_tuple_target = 256)`);
    }
    if (this.lex !== 'search_lexicon') {
      await this.ds.query(`CREATE TABLE IF NOT EXISTS ${this.lex} (LIKE search_lexicon INCLUDING ALL)`);
    }
  }

  async index(docs: VersionedDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await writeDocuments(this.ds, this.docs, this.lex, docs);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(`DELETE FROM ${this.docs} WHERE id = ANY($1::text[])`, [ids]);
  }

  async health(): Promise<EngineHealth> {
    try {
      const [row] = (await this.ds.query(`SELECT count(*)::int AS n FROM ${this.docs}`)) as { n: number }[];
      return { ok: true, engine: this.name, detail: `${row.n} documents` };
    } catch (err) {
      return { ok: false, engine: this.name, detail: (err as Error).message };
    }
  }

  /**
   * Builds the query groups, one per word: the spellings of the word that the lexicon knows,
   * each tagged with the languages it occurs in ("burgerhaushalt@1": German only), so that only
   * stems that exist are searched — a stem that matches nothing would keep GIN from sampling a
   * common word. Unknown words of 5+ letters are replaced by their one-typo corrections; unknown
   * words without a correction keep every variant in both languages (their stem may still match).
   */
  private async queryGroups(q: string): Promise<{ groups: string[]; corrections: { from: string; to: string }[] }> {
    const list = words(q);
    if (list.length === 0) return { groups: [], corrections: [] };
    const plain = [...new Set(list.map(unaccent))];
    const alts = plain.map((w) => [...new Set(variants(w).map(unaccent))].join('|'));
    const rows = (await this.ds.query(
      `SELECT q.w, k.known,
              CASE WHEN k.known IS NOT NULL OR length(q.w) < ${MIN_TYPO_LENGTH} OR q.w ~ '^[0-9]+$' THEN '[]'::json ELSE
                (SELECT coalesce(json_agg(json_build_object('word', c.word, 'freq', c.freq, 'display', c.display, 'langs', c.langs)), '[]'::json)
                   FROM (SELECT word, freq, display, langs FROM ${this.lex}
                          WHERE word % q.w AND length(word) BETWEEN length(q.w) - 1 AND length(q.w) + 1
                          ORDER BY similarity(word, q.w) DESC LIMIT 12) c) END AS candidates
         FROM unnest($1::text[], $2::text[]) AS q(w, alts)
         CROSS JOIN LATERAL (SELECT json_agg(json_build_object('word', l.word, 'langs', l.langs)) AS known
                               FROM ${this.lex} l WHERE l.word = ANY (string_to_array(q.alts, '|'))) k`,
      [plain, alts],
    )) as {
      w: string;
      known: { word: string; langs: number }[] | null;
      candidates: { word: string; freq: number; display: string | null; langs: number }[];
    }[];
    const byWord = new Map(rows.map((r) => [r.w, r]));
    const applied: { from: string; to: string }[] = [];
    const groups = list.map((w) => {
      const r = byWord.get(unaccent(w));
      if (r?.known?.length) return r.known.map((k) => `${k.word}@${k.langs}`).join('|');
      const fixes = r ? corrections(r.w, r.candidates) : [];
      if (fixes.length) {
        const first = r!.candidates.find((c) => c.word === fixes[0]);
        applied.push({ from: w, to: first?.display ?? fixes[0] });
        return fixes.map((f) => `${f}@${r!.candidates.find((c) => c.word === f)?.langs ?? 3}`).join('|');
      }
      return variants(w).join('|');
    });
    return { groups, corrections: applied };
  }

  private filterSql(query: Pick<SearchQuery, 'audience' | 'filters'>, params: unknown[]): string {
    const parts: string[] = [];
    if (query.audience !== 'member') parts.push(`d.visibility = 'public'`);
    for (const [facet, values] of Object.entries(query.filters ?? {}) as [FacetName, string[]][]) {
      const spec = FACET_COLUMNS[facet];
      if (!spec || !values?.length) continue;
      params.push(values);
      parts.push(spec.array ? `d.${spec.column} && $${params.length}::text[]` : `d.${spec.column} = ANY($${params.length}::text[])`);
    }
    return parts.length ? parts.join(' AND ') : 'true';
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? DEFAULT_PER_PAGE));
    const maxPage = Math.max(1, Math.ceil(this.candidates / perPage));
    const page = Math.min(maxPage, Math.max(1, query.page ?? 1));
    const offset = (page - 1) * perPage;
    const { groups, corrections: applied } = await this.queryGroups(query.q);
    const hasText = groups.length > 0;

    const params: unknown[] = [groups];
    const filters = this.filterSql(query, params);
    const tq = '(SELECT tq FROM q)';
    const match = hasText ? `d.tsv @@ ${tq}` : 'true';
    const byRelevance = hasText && query.sort !== 'date';
    params.push(perPage, offset);
    const lim = `$${params.length - 1}`;
    const off = `$${params.length}`;
    const facetCols = 'd.id, d.type, d.topics, d.methods, d.administration, d.state, d.size_class, d.language, d.updated_at';
    const excerpt = hasText
      ? `ts_headline(CASE d.language WHEN 'en' THEN 'praxis_en'::regconfig ELSE 'praxis_de'::regconfig END,
           left(d.body, 1500), ${tq},
           'StartSel=${HL_START}, StopSel=${HL_END}, MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "')`
      : 'left(d.body, 240)';
    const titleHl = hasText
      ? `ts_headline(CASE d.language WHEN 'en' THEN 'praxis_en'::regconfig ELSE 'praxis_de'::regconfig END,
           d.title, ${tq}, 'StartSel=${HL_START}, StopSel=${HL_END}, HighlightAll=true')`
      : 'NULL';
    // One pass over the candidates gives the total, the facet counts and (by relevance) the page:
    // documents whose title or tags contain every word first, ranked by ts_rank on title and tags,
    // then the other candidates, newest first. Broad queries stop at the candidate limits.
    const candidates = hasText
      ? `(SELECT ${facetCols}, ts_rank(d.title_tsv, ${tq}) AS head_rank, 0 AS src
            FROM ${this.docs} d WHERE d.title_tsv @@ ${tq} AND ${filters} LIMIT ${this.titleCandidates})
         UNION ALL
         (SELECT ${facetCols}, 0, 1 FROM ${this.docs} d WHERE ${match} AND ${filters} LIMIT ${this.candidates})`
      : `SELECT ${facetCols}, 0 AS head_rank, 1 AS src FROM ${this.docs} d WHERE ${filters}
          ORDER BY d.updated_at DESC LIMIT ${this.candidates}`;
    // Facet rows share the page rows' columns: facet, value, n, then 8 unused ones.
    const pad = 'NULL, NULL, NULL, NULL, NULL, NULL::timestamptz, NULL, NULL';
    const facetSql = query.facets === false ? '' : `
      UNION ALL SELECT 'type', type, count(*), ${pad} FROM c GROUP BY type
      UNION ALL SELECT 'topic', t, count(*), ${pad} FROM c, unnest(topics) t GROUP BY t
      UNION ALL SELECT 'method', t, count(*), ${pad} FROM c, unnest(methods) t GROUP BY t
      UNION ALL SELECT 'administration', administration, count(*), ${pad} FROM c WHERE administration IS NOT NULL GROUP BY administration
      UNION ALL SELECT 'state', state, count(*), ${pad} FROM c WHERE state IS NOT NULL GROUP BY state
      UNION ALL SELECT 'sizeClass', size_class, count(*), ${pad} FROM c WHERE size_class IS NOT NULL GROUP BY size_class
      UNION ALL SELECT 'language', language, count(*), ${pad} FROM c GROUP BY language`;
    // Sorting by date with words: the page comes from the exact query below, not the candidates.
    const exactDate = hasText && !byRelevance;
    const statsSql = `WITH q AS (SELECT praxis_tsquery($1::text[]) AS tq),
      raw AS MATERIALIZED (${candidates}),
      c AS MATERIALIZED (SELECT DISTINCT ON (id) * FROM raw ORDER BY id, src),
      pg AS (SELECT id, head_rank, updated_at FROM c
              ORDER BY ${byRelevance ? 'head_rank DESC, ' : ''}updated_at DESC, id LIMIT ${lim} * ${exactDate ? 0 : 1} OFFSET ${off})
      SELECT '_page' AS facet, d.id AS value, pg.head_rank::float8 AS n, d.type, d.title, d.url, d.language,
             d.administration, d.updated_at, ${excerpt} AS excerpt, ${titleHl} AS title_hl
        FROM pg JOIN ${this.docs} d USING (id)
      UNION ALL SELECT '_total', NULL, count(*) FILTER (WHERE src = 1), ${pad} FROM raw
      UNION ALL SELECT '_distinct', NULL, count(*), ${pad} FROM c
      ${facetSql}`;
    // Exact date order over every match (not only the candidates) when sorting by date.
    const dateSql = exactDate
      ? `WITH q AS (SELECT praxis_tsquery($1::text[]) AS tq)
         SELECT d.id, d.type, d.title, d.url, d.language, d.administration, d.updated_at, ${excerpt} AS excerpt,
                ${titleHl} AS title_hl
           FROM ${this.docs} d WHERE ${match} AND ${filters} ORDER BY d.updated_at DESC, d.id LIMIT ${lim} OFFSET ${off}`
      : null;

    // A word found in a large share of a million documents would make GIN build a bitmap of
    // every match before LIMIT applies; gin_fuzzy_search_limit lets the index return a random
    // sample instead (PostgreSQL docs, "GIN Tips"). The total then reads "more than …".
    type Row = HitRow & { facet: string; value: string | null; n: number };
    const sampled = () =>
      this.ds.transaction(async (db) => {
        await db.query(`SET LOCAL gin_fuzzy_search_limit = ${Math.round(this.candidates * 2)}`);
        return (await db.query(statsSql, params)) as Row[];
      });
    // Only one-word queries are sampled: with several words each word's sample would be
    // intersected with the others' and lose true matches — the best ones among them.
    const stats = async (): Promise<Row[]> =>
      hasText && groups.length === 1 ? sampled() : ((await this.ds.query(statsSql, params)) as Row[]);
    const [rows, dated] = await Promise.all([
      stats(),
      dateSql ? (this.ds.query(dateSql, params) as Promise<HitRow[]>) : Promise.resolve(null),
    ]);

    const facets = emptyFacets();
    let counted = 0;
    let distinct = 0;
    const pageRows: (HitRow & { n: number })[] = [];
    for (const r of rows) {
      if (r.facet === '_page') pageRows.push({ ...r, id: r.value! });
      else if (r.facet === '_total') counted = Number(r.n);
      else if (r.facet === '_distinct') distinct = Number(r.n);
      else if (r.value !== null) facets[r.facet as FacetName].push({ value: r.value, count: Number(r.n) });
    }
    if (byRelevance) pageRows.sort((a, b) => b.n - a.n || +new Date(b.updated_at) - +new Date(a.updated_at) || a.id.localeCompare(b.id));
    else pageRows.sort((a, b) => +new Date(b.updated_at) - +new Date(a.updated_at) || a.id.localeCompare(b.id));
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const hits = dated ?? pageRows;
    return {
      hits: hits.map((r) => ({
        id: r.id,
        type: r.type,
        title: r.title,
        titleHtml: highlightHtml(r.title_hl ?? r.title),
        url: r.url,
        language: r.language,
        administration: r.administration,
        updatedAt: new Date(r.updated_at).toISOString(),
        excerptHtml: highlightHtml(r.excerpt ?? ''),
      })),
      total: distinct,
      totalIsLowerBound: counted >= this.candidates,
      facets,
      corrections: applied,
      page,
      perPage,
    };
  }

  async suggest(prefix: string, audience: Audience, limit = 8): Promise<Suggestion[]> {
    const list = words(prefix);
    const last = list.pop();
    if (!last || last.length < 2) return [];
    const completions = (await this.ds.query(
      `SELECT word FROM ${this.lex} WHERE word LIKE $1 ORDER BY freq DESC, word LIMIT 6`,
      [`${unaccent(last).replace(/[\\%_]/g, '\\$&')}%`],
    )) as { word: string }[];
    if (completions.length === 0) return [];
    const groups = [...list.map((w) => variants(w).join('|')), completions.map((c) => c.word).join('|')];
    const params: unknown[] = [groups];
    const filters = this.filterSql({ audience }, params);
    params.push(limit);
    // Suggestions may come from a sample of a common prefix's matches (see search()).
    return this.ds.transaction(async (db) => {
      await db.query(`SET LOCAL gin_fuzzy_search_limit = 1000`);
      return (await db.query(
        `WITH q AS (SELECT praxis_tsquery($1::text[]) AS tq),
              cand AS (SELECT d.id, d.title, d.url, d.type, d.title_tsv FROM ${this.docs} d
                        WHERE d.title_tsv @@ (SELECT tq FROM q) AND ${filters} LIMIT 300)
         SELECT title, url, type FROM cand ORDER BY ts_rank(title_tsv, (SELECT tq FROM q)) DESC, length(title), id LIMIT $${params.length}`,
        params,
      )) as Suggestion[];
    });
  }

  /**
   * Builds new tables beside the live ones. Secondary indexes (GIN, trigram) are created after the
   * bulk load, which is several times faster than maintaining them row by row; then both tables
   * are renamed in one transaction.
   */
  async startRebuild(): Promise<Rebuild> {
    const suffix = `${Date.now().toString(36)}`;
    const docs = ident(`${this.docs}_new_${suffix}`.slice(0, 50));
    const lex = ident(`${this.lex}_new_${suffix}`.slice(0, 50));
    const bare = 'INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE';
    await this.ds.query(`CREATE TABLE ${docs} (LIKE ${this.docs} ${bare}, PRIMARY KEY (id)) WITH (toast_tuple_target = 256)`);
    await this.ds.query(`CREATE TABLE ${lex} (LIKE ${this.lex} ${bare}, PRIMARY KEY (word))`);
    const live = { docs: this.docs, lex: this.lex };
    const ds = this.ds;
    const copyIndexes = async (from: string, to: string) => {
      const defs = (await ds.query(
        `SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema()
            AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p')`,
        [from],
      )) as { indexdef: string }[];
      let n = 0;
      for (const { indexdef } of defs) {
        const m = indexdef.match(/^CREATE (UNIQUE )?INDEX \S+ ON (\S+) (USING .*)$/);
        if (!m) throw new Error(`unexpected index definition: ${indexdef}`);
        await ds.query(`CREATE ${m[1] ?? ''}INDEX ${to}_i${n++} ON ${to} ${m[3]}`);
      }
      await ds.query(`ANALYZE ${to}`);
    };
    return {
      index: (batch) => writeDocuments(ds, docs, lex, batch),
      async swap() {
        await copyIndexes(live.docs, docs);
        await copyIndexes(live.lex, lex);
        // Renames inside one transaction: readers see the old tables or the new ones, never neither.
        await ds.transaction(async (db) => {
          await db.query(`LOCK TABLE ${live.docs}, ${live.lex} IN ACCESS EXCLUSIVE MODE`);
          await db.query(`ALTER TABLE ${live.docs} RENAME TO ${docs}_old`);
          await db.query(`ALTER TABLE ${docs} RENAME TO ${live.docs}`);
          await db.query(`ALTER TABLE ${live.lex} RENAME TO ${lex}_old`);
          await db.query(`ALTER TABLE ${lex} RENAME TO ${live.lex}`);
        });
        await ds.query(`DROP TABLE ${docs}_old`);
        await ds.query(`DROP TABLE ${lex}_old`);
      },
      async abort() {
        await ds.query(`DROP TABLE IF EXISTS ${docs}`);
        await ds.query(`DROP TABLE IF EXISTS ${lex}`);
      },
    };
  }
}

/** Upserts documents (never replacing a higher version) and adds their words to the lexicon. */
async function writeDocuments(db: Queryable, docs: string, lex: string, list: VersionedDocument[]): Promise<void> {
  if (list.length === 0) return;
  await db.query(
    `INSERT INTO ${docs} AS s (id, type, title, body, tags, topics, methods, administration, state, size_class,
                               language, visibility, url, created_at, updated_at, version, title_tsv, tsv)
     SELECT x.id, x.type, x.title, x.body, x.tags, x.topics, x.methods, x.administration, x.state, x.size_class,
            x.language, x.visibility, x.url, x.created_at, x.updated_at, x.version,
            setweight(to_tsvector(x.cfg, x.title), 'A') || setweight(to_tsvector(x.cfg, x.tag_text), 'B'),
            setweight(to_tsvector(x.cfg, x.title), 'A') || setweight(to_tsvector(x.cfg, x.tag_text), 'B')
              || setweight(to_tsvector(x.cfg, x.body), 'C')
       FROM (SELECT u.*, (CASE u.language WHEN 'en' THEN 'praxis_en' ELSE 'praxis_de' END)::regconfig AS cfg,
                    array_to_string(u.tags, ' ') AS tag_text
               FROM json_to_recordset($1::json) AS u(id text, type text, title text, body text, tags text[], topics text[],
                    methods text[], administration text, state text, size_class text, language text, visibility text,
                    url text, created_at timestamptz, updated_at timestamptz, version bigint)) x
     ON CONFLICT (id) DO UPDATE SET
       type = excluded.type, title = excluded.title, body = excluded.body, tags = excluded.tags,
       topics = excluded.topics, methods = excluded.methods, administration = excluded.administration,
       state = excluded.state, size_class = excluded.size_class, language = excluded.language,
       visibility = excluded.visibility, url = excluded.url, created_at = excluded.created_at,
       updated_at = excluded.updated_at, version = excluded.version, title_tsv = excluded.title_tsv, tsv = excluded.tsv
     WHERE s.version <= excluded.version`,
    [
      JSON.stringify(
        list.map((d) => ({
          id: d.id,
          type: d.type,
          title: stripMarkers(d.title),
          body: stripMarkers(d.body),
          tags: d.tags.map(stripMarkers),
          topics: d.topics,
          methods: d.methods,
          administration: d.administration,
          state: d.state,
          size_class: d.sizeClass,
          language: d.language === 'en' ? 'en' : 'de',
          visibility: d.visibility === 'public' ? 'public' : 'network',
          url: d.url,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
          version: d.version,
        })),
      ),
    ],
  );
  const counts = new Map<string, number>();
  const display = new Map<string, string>();
  const langs = new Map<string, number>();
  for (const d of list) {
    const bit = d.language === 'en' ? 2 : 1;
    for (const [w, written] of lexiconWords(`${d.title} ${d.tags.join(' ')} ${d.body}`)) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      langs.set(w, (langs.get(w) ?? 0) | bit);
      if (!display.has(w)) display.set(w, written);
    }
  }
  const wordsSorted = [...counts.keys()].sort();
  // Sorted keys: concurrent writers lock lexicon rows in the same order and cannot deadlock.
  await db.query(
    `INSERT INTO ${lex} AS l (word, freq, display, langs)
     SELECT w, n, s, b FROM unnest($1::text[], $2::int[], $3::text[], $4::smallint[]) AS u(w, n, s, b) ORDER BY w
     ON CONFLICT (word) DO UPDATE SET freq = l.freq + excluded.freq, langs = l.langs | excluded.langs`,
    [wordsSorted, wordsSorted.map((w) => counts.get(w)!), wordsSorted.map((w) => display.get(w)!), wordsSorted.map((w) => langs.get(w)!)],
  );
}
