// The PostgreSQL adapter: weighted tsvector (title A > tags B > body C) stemmed in the document's
// language (praxis_de / praxis_en, praxis_<code> for other languages with a Snowball stemmer,
// praxis_simple without one; migration 1764901000000) plus unaccent, GIN indexes, typo correction
// against a lexicon of distinct words with a trigram index, and ranking limited to the best few
// thousand candidates (ts_rank over every match of a common word is far too slow at a million
// documents), taken from a sample bucket when the words are common (docs/search.md, "Sampling
// broad queries").
import type { DataSource } from 'typeorm';
import { searchLanguage, type SearchDocType } from '../../shared/search-index.js';
import { similarity, SIZE_CLASS_POPULATION, type SimilarityRef } from '../administrations/index.js';
import {
  emptyFacets,
  FACETS,
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
import {
  compoundSplits, corrections, HL_END, HL_START, highlightHtml, joinedForms, MIN_TYPO_LENGTH, queryTerms, stripMarkers, unaccent, variants, words,
} from './search.text.js';
import { rows } from '../../db/sql.js';
import { replicaReads } from '../../db/replica.js';

export interface PostgresEngineOptions {
  /** Table names (tests and the reindex build their own beside the live ones). */
  documents?: string;
  lexicon?: string;
  /** Candidates per query: documents with every word in title or tags, and any matches. The
   * total, the facet counts and the ranking cover these; broader queries report a lower bound. */
  titleCandidates?: number;
  candidates?: number;
  /** Queries expected to match fewer documents than this are never sampled (default 0: whenever a
   * bucket of a quarter is still expected to hold twice the candidates). */
  sampleAbove?: number;
  /** The content languages (CONTENT_LANGUAGES, default de,en): queries are stemmed in each of them. */
  languages?: readonly string[];
}

/** Lexicon language bits: German, English, any other content language (migration 1764901000000). */
export const LANG_DE = 1;
export const LANG_EN = 2;
export const LANG_OTHER = 4;
/** A document language's lexicon bit. */
export const langBit = (language: string): number => (language === 'en' ? LANG_EN : language === 'de' ? LANG_DE : LANG_OTHER);

/** Sample buckets: "sample 64:0" holds a 64th of the documents (migration 1763700010000). Finest first. */
export const SAMPLE_LEVELS = [256, 128, 64, 32, 16, 8, 4] as const;
export const sampleLexeme = (level: number) => `'sample ${level}:0'`;
/**
 * Levels whose bucket 0 has partial GIN indexes of its own, on tsv and title_tsv (migration
 * 1764901900000): a sampled query asks the bucket's index by stating its predicate (sampleSql), so
 * GIN decodes only the bucket's share of each word's postings. Finer levels use the 64th's index and
 * their lexeme. Coarsest first.
 */
export const INDEXED_SAMPLE_LEVELS = [4, 8, 16, 32, 64] as const;
/** The indexed level whose bucket holds `level`'s (nested buckets): the finest not finer than it. */
const indexedLevel = (level: number): number => [...INDEXED_SAMPLE_LEVELS].reverse().find((l) => l <= level) ?? INDEXED_SAMPLE_LEVELS[0];
/**
 * The row condition of a sample level's bucket, written as its partial indexes' predicate so that the
 * planner proves them usable (literal, not a parameter): bucket 0 of level L is the documents whose
 * first md5 byte, shifted right by log2(256 / L), is 0 (praxis_sample_lexemes, migration 1763700010000).
 * An equality, so that no coarser level's index is provable too (migration 1764901900000).
 */
export const sampleSql = (level: number | null): string =>
  level === null ? '' : ` AND (get_byte(decode(md5(d.id), 'hex'), 0) >> ${Math.log2(256 / indexedLevel(level))}) = 0`;
/**
 * How much longer than the shortest word's list a sample bucket's list may be (sampleLevel). Was
 * 0.75 (a bucket only when shorter than every word's list); at 1.1 million documents (bench:pages,
 * issue 19) "Bürgerhaushalt Frage" matches 36,333 documents, the bucket of a 32nd holds 34,700, and
 * the exact candidate statement took 33 ms against 11 ms from that bucket (warm, one client):
 * GIN's bitmap of every match costs more than walking a list of similar length.
 */
const BUCKET_WALK = 4;
/** A word group in at least this share of the documents is checked on the rows read, not asked of GIN. */
const COMMON_SHARE = 0.5;
/**
 * ... but only while the rarest group is in at most this share: then the rows read are few. With two
 * common words that never meet ("participation Bürgerbeteiligung" in bench:search's million documents,
 * no result), checking the common one on every row of the other took 1.4–5.9 s; GIN's intersection
 * answers that at once.
 */
const RAREST_SHARE = 0.05;
/** How much rarer a match in the title and tags is than one anywhere, per word (a rough guess for sampling). */
const TITLE_SHARE = 0.2;
const SUGGEST_CANDIDATES = 300;
/** The most letters a stemmer takes off a word ("beteiligungen" → `beteilig`: 5); longer words with the stem are not looked at (stemLanguages). */
const STEM_ENDING = 6;

/** What the lexicon predicts for a query: matches, and the length of the shortest word list. */
interface Estimate {
  documents: number;
  matches: number;
  shortestList: number;
}

/** What search() asks one statement for (searchStatement). */
interface SearchPlan {
  query: SearchQuery;
  groups: string[];
  /** The groups GIN is asked for when some are left to the row check (commonGroups), else null. */
  indexGroups: string[] | null;
  /** The sample level of the title and the body candidates (null: every match). */
  levels: { title: number | null; body: number | null };
  perPage: number;
  offset: number;
  /** 'date': the page is the newest matches (with words); otherwise the ranked candidates. */
  sort: 'relevance' | 'date';
  like: SimilarityRef | undefined;
  prefer: string | undefined;
  facets: boolean;
}

/**
 * How much of a share each word after the rarest keeps of it: a query's words are seldom
 * independent — people type words that belong together — so the rarest counts in full and each
 * further word with the square root of its share ("exponential backoff", as some SQL planners
 * estimate correlated conditions). Taken as independent (1), "Ergebnisse Haushaltsplanung Satzung"
 * was expected in 7,800 of a million documents and found in 12,452; the search, expecting too few
 * to sample, intersected the words' whole lists (44 ms against 15 from a 16th's bucket). bench:search
 * at a million documents, alternating: all p95 28.5 / 27.2 ms at 1, 25.6 / 25.8 at 0.75, 24.8 / 24.0
 * / 25.0 / 25.0 at 0.5, 28.3 / 26.8 at 0.25 and 0 (too many buckets come back short and run again).
 */
const WORD_BACKOFF = 0.5;

/** The share of `documents` expected to hold every word, from each word's document count (see WORD_BACKOFF). */
export function wordShare(df: number[], documents: number): number {
  return [...df]
    .sort((a, b) => a - b)
    .reduce((share, f, i) => share * Math.min(1, f / Math.max(documents, 1)) ** (i === 0 ? 1 : WORD_BACKOFF), 1);
}

/** A pg_stats row of the documents table (valueShares()). */
interface StatsRow {
  attname: string;
  null_frac: number;
  n_distinct: number;
  reltuples: number;
  vals: string[] | null;
  freqs: number[] | null;
  elems: string[] | null;
  elem_freqs: number[] | null;
}

/** The share of documents whose column holds a value (an array column: contains it); null: unknown. */
export type ValueShares = (value: string) => number | null;

/**
 * A column's value shares as the planner reckons them: a most common value (element, for an array
 * column) has its measured frequency; any other scalar value an equal part of what they leave
 * over the remaining distinct values; any other element half the least common element's frequency.
 */
export function valueShares(r: Omit<StatsRow, 'attname'>, array: boolean): ValueShares {
  const filled = 1 - r.null_frac;
  if (array) {
    if (!r.elems?.length || !r.elem_freqs) return () => null;
    const freq = new Map(r.elems.map((v, i) => [v, r.elem_freqs![i]!]));
    const other = (r.elem_freqs[r.elems.length] ?? 0) / 2;
    return (v) => (freq.get(v) ?? other) * filled;
  }
  const freq = new Map((r.vals ?? []).map((v, i) => [v, r.freqs![i]!]));
  const distinct = r.n_distinct >= 0 ? r.n_distinct : -r.n_distinct * Math.max(r.reltuples, 0);
  const left = Math.max(0, filled - [...freq.values()].reduce((a, b) => a + b, 0));
  const other = distinct > freq.size ? left / (distinct - freq.size) : 0;
  return (v) => freq.get(v) ?? other;
}

/** The answer of the search statement: counts, facet counts over the candidates, the page. */
interface SearchRow {
  go: boolean;
  /** Whether the title candidates came from a sample bucket. */
  title_sampled: boolean;
  title_n: number;
  body_n: number;
  total: number;
  facets: Record<FacetName, [string, number][]> | null;
  hits: HitRow[];
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

/**
 * The document languages (lexicon bits) in which every query group can match: a group's spellings
 * are tagged with the languages the lexicon has seen them in (`beteiligung@1`); a spelling without a
 * tag (a word the lexicon does not know, a hyphenated form) may match in any of `all`. 0: no document
 * language holds all the words — an English-only and a German-only word, say. Only an estimate's
 * input (see search()): the search statement still decides what is found.
 */
export function sharedLanguages(groups: string[], all: number): number {
  return groups.reduce((shared, group) => shared & group.split('|').reduce((langs, spelling) => langs | (taggedSpelling(spelling)?.bits ?? all), 0), all);
}

/** A group's spelling split into the word and its lexicon language bits (`beteiligung@1`); null when untagged. */
function taggedSpelling(spelling: string): { word: string; bits: number } | null {
  const m = /^(.*)@(\d+)$/.exec(spelling);
  return m ? { word: m[1]!, bits: Number(m[2]) } : null;
}

/**
 * The word groups to ask GIN for when some are in at least COMMON_SHARE of the documents, or null
 * when every group is asked for. Such a group narrows almost nothing, but GIN decodes its whole
 * list for every query: at 1.1 million documents "Frage" (in nearly all of them) made the index
 * scan for "Bürgerhaushalt Frage" read 369 pages instead of 52. The rarest group always stays.
 */
export function commonGroupsLeftOut(groups: string[], df: number[], documents: number): string[] | null {
  if (groups.length < 2 || documents <= 0) return null;
  if (Math.min(...df) > documents * RAREST_SHARE) return null;
  const rarest = df.indexOf(Math.min(...df));
  const kept = groups.filter((_, i) => i === rarest || df[i]! < documents * COMMON_SHARE);
  return kept.length < groups.length ? kept : null;
}

/** What the lexicon says about one word typed whole: its known spellings, or its one-typo candidates. */
interface LexiconWordRow {
  w: string;
  known: { word: string; langs: number; freq: number }[] | null;
  candidates: { word: string; freq: number; display: string | null; langs: number }[];
}

/**
 * The lexicon words a query's compounds may be made of: for each long word typed whole, the parts
 * of its possible splits; for each hyphenated word, its parts and joined spellings.
 */
function compoundWords(list: string[], hyphenated: string[][]) {
  const wanted = new Set<string>();
  const splitsOf = new Map<string, [string, string][]>();
  for (const w of new Set(list.map(unaccent))) {
    const pairs = compoundSplits(w);
    splitsOf.set(w, pairs);
    for (const [a, b] of pairs) wanted.add(a).add(b);
  }
  const hyphenParts = hyphenated.map((parts) => parts.map(unaccent));
  for (const parts of hyphenParts) for (const w of [...parts, ...joinedForms(parts)]) wanted.add(w);
  return { words: [...wanted], splitsOf, hyphenParts };
}

interface HitRow {
  id: string;
  type: SearchDocType;
  title: string;
  url: string;
  language: string;
  administration: string | null;
  updated_at: Date;
  excerpt: string;
  title_hl: string | null;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly docs: string;
  private readonly lex: string;
  private readonly titleCandidateLimit: number;
  private readonly candidateLimit: number;
  private readonly sampleAbove: number;
  /** The content languages besides German and English, whose words the queries also stem. */
  private readonly others: string[];
  /** The language bits a spelling is stemmed in when the lexicon does not narrow them. */
  private readonly allLangs: number;
  private counted = { n: 0, at: 0 };
  private columnStats: { shares: Map<string, ValueShares>; at: number } = { shares: new Map(), at: 0 };
  /** The searches' reads: on a read replica inside a request that may use one (src/db/replica.ts). */
  private readonly reads: Queryable;

  constructor(
    private readonly ds: DataSource,
    opts: PostgresEngineOptions = {},
  ) {
    this.docs = ident(opts.documents ?? 'search_documents');
    this.lex = ident(opts.lexicon ?? 'search_lexicon');
    this.titleCandidateLimit = opts.titleCandidates ?? 100;
    this.candidateLimit = opts.candidates ?? 300;
    this.sampleAbove = opts.sampleAbove ?? 0;
    this.others = [...new Set(opts.languages ?? [])].filter((l) => l !== 'de' && l !== 'en');
    for (const l of this.others) if (!/^[a-z]{2}$/.test(l)) throw new Error(`invalid content language: ${l}`);
    this.allLangs = LANG_DE | LANG_EN | (this.others.length ? LANG_OTHER : 0);
    this.reads = replicaReads(ds);
  }

  /**
   * The query's tsquery from the word groups ($1): stemmed in German and English as before, and,
   * when other content languages are configured, in each of them too (spellings tagged "@4").
   */
  private get tsquery(): string {
    return this.tsqueryOf('$1');
  }

  /** The tsquery of the word groups in the parameter `param` (see tsquery). */
  private tsqueryOf(param: string): string {
    return this.others.length ? `praxis_tsquery(${param}::text[], '{${this.others.join(',')}}'::text[])` : `praxis_tsquery(${param}::text[])`;
  }

  /**
   * A spelling's language bits for the query: as the lexicon has them; with only German and English
   * configured, a word seen only in another language (content of a language no longer configured)
   * is stemmed in both, as before.
   */
  private tag(langs: number): number {
    return this.others.length ? langs || this.allLangs : (langs & (LANG_DE | LANG_EN)) || (LANG_DE | LANG_EN);
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
    await deleteDocuments(this.ds, this.docs, this.lex, ids);
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
   * The document languages in which every group can match by its stems (see sharedLanguages, which
   * goes by the words as written): a group also carries each language in which a lexicon word has
   * the stem of one of its spellings (the words beginning with the stem, stemmed in their languages).
   * English "methods" and German "Methode" share the stem `method`, so "methods Bürgerbeteiligung"
   * finds German documents though "methods" is in English ones only; taken for words apart, it was
   * searched without a sample bucket (73–109 ms at a million documents). A compound's spelling as
   * its parts ("burger+beteiligung") needs every part's stem in that language, as a document needs
   * every part: German "Bürger" and an English place "Burg" both stem to `burg`, which made
   * "participation Bürgerbeteiligung" look English. Only an estimate's input, like the bits. One
   * small statement, only when the words look apart.
   */
  private async stemLanguages(groups: string[]): Promise<number> {
    const codes: [number, string[]][] = [[LANG_DE, ['de']], [LANG_EN, ['en']], [LANG_OTHER, this.others]];
    const spelled: { g: number; word: string; lang: string; bits: number }[] = [];
    groups.forEach((group, g) => {
      for (const spelling of group.split('|')) {
        const tagged = taggedSpelling(spelling);
        if (!tagged) continue;
        for (const [bit, langs] of codes) if (tagged.bits & bit) for (const lang of langs) spelled.push({ g, lang, ...tagged });
      }
    });
    const langs = codes.flatMap(([bit, list]) => list.map((lang) => [bit, lang] as const));
    // Per spelling (k) and language: how many of its stems (one per part) a lexicon word of that language has.
    const found = (await this.reads.query(
      `SELECT m.g, bit_or(m.bit)::int AS langs FROM (
         SELECT s.g, o.bit
           FROM unnest($1::int[], $2::text[], $3::text[], $6::int[]) WITH ORDINALITY AS s(g, word, lang, bits, k)
          CROSS JOIN LATERAL tsvector_to_array(to_tsvector(praxis_ts_config(s.lang), s.word)) AS st(stems)
          CROSS JOIN LATERAL unnest(st.stems) AS v(lexeme)
           JOIN ${this.lex} l ON l.word ~>=~ v.lexeme AND l.word ~<~ (v.lexeme || chr(1114111)) AND length(l.word) <= length(v.lexeme) + ${STEM_ENDING}
           JOIN unnest($4::int[], $5::text[]) AS o(bit, lang) ON l.langs & o.bit <> 0 AND s.bits & o.bit = 0
          WHERE v.lexeme = ANY (tsvector_to_array(to_tsvector(praxis_ts_config(o.lang), l.word)))
          GROUP BY s.g, s.k, o.bit, cardinality(st.stems)
         HAVING count(DISTINCT v.lexeme) = cardinality(st.stems)) m
        GROUP BY m.g`,
      [spelled.map((x) => x.g), spelled.map((x) => x.word), spelled.map((x) => x.lang), langs.map(([bit]) => bit), langs.map(([, lang]) => lang), spelled.map((x) => x.bits)],
    )) as { g: number; langs: number }[];
    const byStem = new Map(found.map((r) => [Number(r.g), Number(r.langs)]));
    return groups.reduce((shared, group, g) => shared & (sharedLanguages([group], this.allLangs) | (byStem.get(g) ?? 0)), this.allLangs);
  }

  /**
   * Builds the query groups, one per word: the spellings of the word that the lexicon knows,
   * each tagged with the languages it occurs in ("burgerhaushalt@1": German only), so that only
   * stems that exist are searched — a stem that matches nothing would keep GIN from sampling a
   * common word. Unknown words of 5+ letters are replaced by their one-typo corrections; unknown
   * words without a correction keep every variant in both languages (their stem may still match).
   */
  private async queryGroups(q: string): Promise<{ groups: string[]; df: number[]; corrections: { from: string; to: string }[] }> {
    const terms = queryTerms(q);
    const list = terms.filter((t) => t.length === 1).map((t) => t[0]!);
    const hyphenated = terms.filter((t) => t.length > 1);
    const wanted = compoundWords(list, hyphenated);
    const lookup = await this.lexiconLookup(wanted.words, [...new Set(list.map(unaccent))]);
    const compounds = this.compoundAlternatives(wanted, lookup.known);
    const single = this.wordGroups(list, compounds.splits, lookup.words);
    return {
      groups: [...single.groups, ...compounds.hyphenated.map((h) => h.group)],
      df: [...single.df, ...compounds.hyphenated.map((h) => h.df)],
      corrections: single.corrections,
    };
  }

  /**
   * The lexicon's answer for a query, in one statement: the words that compounds may be made of
   * (`wanted`, see compoundWords) as the lexicon has them, and for each word typed whole (`plain`,
   * accents removed) its known spellings or, when none is known, its one-typo candidates.
   */
  private async lexiconLookup(wanted: string[], plain: string[]): Promise<{ known: Map<string, { langs: number; freq: number }>; words: LexiconWordRow[] }> {
    if (!wanted.length && !plain.length) return { known: new Map(), words: [] };
    const alts = plain.map((w) => [...new Set(variants(w).map(unaccent))].join('|'));
    const [row] = (await this.reads.query(
      `SELECT (SELECT coalesce(json_agg(json_build_object('word', word, 'langs', langs, 'freq', freq)), '[]'::json)
                 FROM ${this.lex} WHERE word = ANY($3::text[])) AS known,
              (SELECT coalesce(json_agg(json_build_object('w', q.w, 'known', k.known, 'candidates',
                CASE WHEN k.known IS NOT NULL OR length(q.w) < ${MIN_TYPO_LENGTH} OR q.w ~ '^[0-9]+$' THEN '[]'::json ELSE
                  (SELECT coalesce(json_agg(json_build_object('word', c.word, 'freq', c.freq, 'display', c.display, 'langs', c.langs)), '[]'::json)
                     FROM (SELECT word, freq, display, langs FROM ${this.lex}
                            WHERE word % q.w AND length(word) BETWEEN length(q.w) - 1 AND length(q.w) + 1
                            ORDER BY similarity(word, q.w) DESC LIMIT 12) c) END)), '[]'::json)
                 FROM unnest($1::text[], $2::text[]) AS q(w, alts)
                 CROSS JOIN LATERAL (SELECT json_agg(json_build_object('word', l.word, 'langs', l.langs, 'freq', l.freq)) AS known
                                       FROM ${this.lex} l WHERE l.word = ANY (string_to_array(q.alts, '|'))) k) AS words`,
      [plain, alts, wanted],
    )) as { known: { word: string; langs: number; freq: number }[]; words: LexiconWordRow[] }[];
    return {
      known: new Map(row!.known.map((r) => [r.word, { langs: Number(r.langs), freq: Number(r.freq) }])),
      words: row!.words,
    };
  }

  /**
   * Compounds, from the lexicon's answer: for each long word typed whole, the pairs of words it may
   * have been written as ("vorabstimmung" → "vorab+abstimmung", a phrase); for each hyphenated word,
   * a group of the phrase of its parts and the joined spellings the texts contain
   * ("vorab-abstimmung" → "vorab+abstimmung | vorabstimmung").
   */
  private compoundAlternatives({ splitsOf, hyphenParts }: ReturnType<typeof compoundWords>, known: Map<string, { langs: number; freq: number }>) {
    const splits = new Map<string, { alts: string[]; df: number }>();
    for (const [w, pairs] of splitsOf) {
      const alts: string[] = [];
      let df = 0;
      for (const [a, b] of pairs) {
        const ka = known.get(a);
        const kb = known.get(b);
        if (!ka || !kb || a === w || b === w || !(ka.langs & kb.langs)) continue;
        alts.push(`${a}+${b}@${this.tag(ka.langs & kb.langs)}`);
        df += Math.min(ka.freq, kb.freq);
      }
      if (alts.length) splits.set(w, { alts, df });
    }
    return {
      splits,
      hyphenated: hyphenParts.map((parts) => {
        const joined = joinedForms(parts).filter((j) => known.has(j));
        const partFreq = Math.min(...parts.map((p) => known.get(p)?.freq ?? 0));
        return {
          group: [`${parts.join('+')}@${this.allLangs}`, ...joined.map((j) => `${j}@${this.tag(known.get(j)!.langs)}`)].join('|'),
          df: partFreq + joined.reduce((n, j) => n + known.get(j)!.freq, 0),
        };
      }),
    };
  }

  /** Groups for words typed whole (see queryGroups), with the compound splits found for them. */
  private wordGroups(list: string[], splits: Map<string, { alts: string[]; df: number }>, rows: LexiconWordRow[]) {
    if (list.length === 0) return { groups: [] as string[], df: [] as number[], corrections: [] as { from: string; to: string }[] };
    const byWord = new Map(rows.map((r) => [r.w, r]));
    const applied: { from: string; to: string }[] = [];
    // Per group, how many documents contain one of its words (the lexicon counts documents;
    // deletions are not subtracted, so this is an upper bound): the input for sampling.
    const df: number[] = [];
    const groups = list.map((w) => {
      const r = byWord.get(unaccent(w));
      const split = splits.get(unaccent(w));
      if (r?.known?.length) {
        df.push(r.known.reduce((n, k) => n + Number(k.freq), 0) + (split?.df ?? 0));
        return [...r.known.map((k) => `${k.word}@${this.tag(Number(k.langs))}`), ...(split?.alts ?? [])].join('|');
      }
      // A compound whose parts the texts contain is not a typo.
      if (split) {
        df.push(split.df);
        return [...variants(w), ...split.alts].join('|');
      }
      const fixes = r ? corrections(r.w, r.candidates) : [];
      if (fixes.length) {
        const first = r!.candidates.find((c) => c.word === fixes[0]);
        applied.push({ from: w, to: first?.display ?? fixes[0] });
        df.push(fixes.reduce((n, f) => n + Number(r!.candidates.find((c) => c.word === f)?.freq ?? 0), 0));
        return fixes.map((f) => `${f}@${this.tag(Number(r!.candidates.find((c) => c.word === f)?.langs ?? this.allLangs))}`).join('|');
      }
      df.push(0);
      return variants(w).join('|');
    });
    return { groups, df, corrections: applied };
  }

  /**
   * The facet filters as facet lexemes (migration 1763700010000), ANDed to the words so that GIN
   * applies them; filterSql() still checks every row. Null when nothing is filtered.
   */
  private filterQuery(query: Pick<SearchQuery, 'audience' | 'filters'>): string | null {
    const lexeme = (facet: string, value: string) => `'facet ${facet}:${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    const parts: string[] = [];
    // A visitor's public-only view stays a row filter: about half the documents are public, and an
    // index entry that keeps half costs more in skipping than it saves (measured in bench:search).
    for (const [facet, values] of Object.entries(query.filters ?? {}) as [FacetName, string[]][]) {
      if (!FACET_COLUMNS[facet] || !values?.length) continue;
      parts.push(`(${values.map((v) => lexeme(facet, v)).join(' | ')})`);
    }
    return parts.length ? parts.join(' & ') : null;
  }

  /**
   * What a candidate statement asks the GIN index for, as an expression over the CTE q: the words,
   * ANDed with the facet filters and, when sampling a level finer than the indexed ones, the bucket's
   * lexeme. Adds its parameters to `params`. The statement adds sampleSql(level) to its row condition.
   */
  private indexQuery(query: Pick<SearchQuery, 'audience' | 'filters'>, level: number | null, params: unknown[], words: 'tq' | 'iq' = 'tq'): string {
    let tq: string = words;
    // A level with its own index is stated by sampleSql alone; a finer one also ANDs its lexeme.
    const lexeme = level === null || indexedLevel(level) === level ? null : sampleLexeme(level);
    for (const part of [this.filterQuery(query), lexeme]) {
      if (part === null) continue;
      params.push(part);
      tq += ` && $${params.length}::tsquery`;
    }
    return tq;
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

  /** Documents in the index, from the planner's statistics (refreshed once a minute). */
  private async documentCount(): Promise<number> {
    if (Date.now() - this.counted.at < 60_000) return this.counted.n;
    const [row] = (await this.reads.query(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass`, [this.docs])) as { n: number }[];
    this.counted = { n: Math.max(0, Number(row?.n ?? 0)), at: Date.now() };
    return this.counted.n;
  }

  /**
   * Per filtered column, the share of documents each value keeps, from the planner's statistics
   * (pg_stats, which ANALYZE and autovacuum keep current; read once a minute). A column without
   * statistics yet is missing: filterShare() then guesses.
   */
  private async valueShares(): Promise<Map<string, ValueShares>> {
    if (Date.now() - this.columnStats.at < 60_000) return this.columnStats.shares;
    const reltuples = await this.documentCount();
    const list = (await this.reads.query(
      `SELECT s.attname, s.null_frac::float8 AS null_frac, s.n_distinct::float8 AS n_distinct,
              s.most_common_vals::text::text[] AS vals, s.most_common_freqs::float8[] AS freqs,
              s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS elem_freqs
         FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = $1::text AND s.attname = ANY($2::text[])`,
      [this.docs, [...Object.values(FACET_COLUMNS).map((f) => f.column), 'visibility']],
    )) as Omit<StatsRow, 'reltuples'>[];
    const arrays = new Set(Object.values(FACET_COLUMNS).filter((f) => f.array).map((f) => f.column));
    this.columnStats = { shares: new Map(list.map((r) => [r.attname, valueShares({ ...r, reltuples }, arrays.has(r.attname))])), at: Date.now() };
    return this.columnStats.shares;
  }

  /**
   * The share of documents the facet filters and a visitor's public-only view keep, from the
   * planner's statistics: a facet's values add up, facets multiply (taken as independent). Where
   * there are no statistics, a filter is guessed to keep a quarter and the public view a half.
   */
  private async filterShare(query: Pick<SearchQuery, 'audience' | 'filters'>): Promise<number> {
    const shares = await this.valueShares();
    let share = 1;
    if (query.audience !== 'member') share *= shares.get('visibility')?.('public') ?? 0.5;
    for (const [facet, values] of Object.entries(query.filters ?? {}) as [FacetName, string[]][]) {
      const spec = FACET_COLUMNS[facet];
      if (!spec || !values?.length) continue;
      const column = shares.get(spec.column);
      const known = column ? values.map((v) => column(v)) : [];
      share *= column && known.every((x) => x !== null) ? Math.min(1, known.reduce((a: number, b) => a + b!, 0)) : 0.25;
    }
    return share;
  }

  /**
   * The finest sample level whose bucket is still expected to hold twice `wanted` matches, or
   * null (search everything). GIN walks the shortest list of a query and skips through the others,
   * and the bitmap it builds holds every match, however few rows the LIMIT reads: a bucket pays
   * off while its list is no more than BUCKET_WALK times the shortest word's list (walking it costs
   * less than putting the matches it excludes into the bitmap); a far longer bucket is left out.
   */
  private sampleLevel(e: Estimate, wanted: number, below = Infinity): number | null {
    if (e.matches < this.sampleAbove) return null;
    const level = SAMPLE_LEVELS.find((l) => l < below && e.matches / l >= 2 * wanted) ?? null;
    return level !== null && e.documents / level <= e.shortestList * BUCKET_WALK ? level : null;
  }

  /**
   * One statement per attempt does the whole search in the database: up to `titleCandidates`
   * candidates matching the words in the title and tags (with their title rank) and up to
   * `candidates` matching anywhere (a sample bucket each when the words are common, see
   * sampleLevel), merged; their number, their facet counts (GROUP BY over the candidates) and their
   * ranking; and the shown page with highlighted title and excerpt. Only the page and the counts
   * come back to Node. Sampled title candidates too few for half their limit are replaced by exact
   * ones within the statement; when the body's bucket held fewer than half its limit, the page is
   * not built (`go` is false) and the caller runs the statement again with a larger bucket.
   */
  private async searchStatement(plan: SearchPlan): Promise<SearchRow> {
    const { query, groups, levels, perPage, offset } = plan;
    const hasText = groups.length > 0;
    const params: unknown[] = [groups];
    const p = (value: unknown) => `$${params.push(value)}`;
    const filters = this.filterSql(query, params);
    const cols = 'd.id, d.type, d.topics, d.methods, d.administration, d.state, d.size_class, d.language, d.updated_at';
    // Words in most documents narrow nothing the index should walk: GIN is asked for the others
    // (iq) and every row read is checked against all words (the same rows, in the same order).
    const iq = plan.indexGroups ? `, ${this.tsqueryOf(p(plan.indexGroups))} AS iq` : '';
    const words = plan.indexGroups ? 'iq' : 'tq';
    const recheck = (column: string) => (plan.indexGroups ? ` AND ts_match_vq(d.${column}, (SELECT tq FROM q))` : '');
    const ctes: string[] = [`q AS (SELECT ${this.tsquery} AS tq${iq})`];
    let go = 'true';
    let titleSampled = 'false';
    if (hasText) {
      const titleLimit = p(this.titleCandidateLimit);
      const titleRows = (tq: string, gate = '') => `SELECT ${cols}, ts_rank(d.title_tsv, (SELECT tq FROM q)) AS head FROM ${this.docs} d
                WHERE d.title_tsv @@ (SELECT ${tq} FROM q)${recheck('title_tsv')} AND ${filters}${gate} LIMIT ${titleLimit}`;
      if (levels.title === null) {
        ctes.push(`t AS (${titleRows(this.indexQuery(query, null, params, words))})`);
      } else {
        // Title matches from the bucket; when it holds fewer than half the limit, from every match
        // (the gate is a one-time filter: the exact scan runs only then).
        titleSampled = `(SELECT count(*) FROM ts) * 2 >= ${titleLimit}`;
        ctes.push(
          `ts AS (${titleRows(this.indexQuery(query, levels.title, params, words), sampleSql(levels.title))})`,
          `t AS (SELECT * FROM ts WHERE ${titleSampled}
                 UNION ALL (${titleRows(this.indexQuery(query, null, params, words), ` AND NOT ${titleSampled}`)}))`,
        );
      }
      const body = this.indexQuery(query, levels.body, params, words);
      ctes.push(
        `b AS (SELECT ${cols}, 0::real AS head FROM ${this.docs} d
                WHERE d.tsv @@ (SELECT ${body} FROM q)${recheck('tsv')}${sampleSql(levels.body)} AND ${filters} LIMIT ${p(this.candidateLimit)})`,
        `c AS (SELECT * FROM t UNION ALL SELECT * FROM b WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.id = b.id))`,
      );
      if (levels.body !== null) go = `(SELECT count(*) FROM b) * 2 >= ${this.candidateLimit}`;
    } else {
      ctes.push(
        `t AS (SELECT ${cols}, 0::real AS head FROM ${this.docs} d WHERE false)`,
        `b AS (SELECT ${cols}, 0::real AS head FROM ${this.docs} d WHERE ${filters} ORDER BY d.updated_at DESC LIMIT ${p(this.candidateLimit)})`,
        `c AS (SELECT * FROM b)`,
      );
    }
    ctes.push(`ok AS (SELECT ${go} AS go)`);

    const tq = '(SELECT tq FROM q)';
    const cfg = 'praxis_ts_config(d.language)';
    const excerpt = hasText
      ? `ts_headline(${cfg}, left(d.body, 1500), ${tq},
           'StartSel=${HL_START}, StopSel=${HL_END}, MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "')`
      : 'left(d.body, 240)';
    const titleHl = hasText ? `ts_headline(${cfg}, d.title, ${tq}, 'StartSel=${HL_START}, StopSel=${HL_END}, HighlightAll=true')` : 'NULL';
    const hit = `json_build_object('id', d.id, 'type', d.type, 'title', d.title, 'url', d.url, 'language', d.language,
                   'administration', d.administration, 'updated_at', d.updated_at, 'excerpt', ${excerpt}, 'title_hl', ${titleHl})`;
    if (hasText && plan.sort === 'date') {
      // Sorting by date with words: the page comes from an exact query over every match, not the candidates.
      ctes.push(`page AS (SELECT row_number() OVER (ORDER BY d.updated_at DESC, d.id) AS n, ${hit} AS hit FROM ${this.docs} d
                           WHERE d.tsv @@ ${tq} AND ${filters} AND (SELECT go FROM ok)
                           ORDER BY d.updated_at DESC, d.id LIMIT ${p(perPage)} OFFSET ${p(offset)})`);
    } else {
      ctes.push(
        `ranked AS (SELECT c.id, row_number() OVER (ORDER BY ${this.candidateOrder(plan, params)}) AS n FROM c WHERE (SELECT go FROM ok))`,
        `page AS (SELECT r.n, ${hit} AS hit FROM ranked r JOIN ${this.docs} d ON d.id = r.id
                   WHERE r.n > ${p(offset)} AND r.n <= ${p(offset + perPage)})`,
      );
    }
    const facets = plan.facets
      ? `CASE WHEN (SELECT go FROM ok) THEN json_build_object(${FACETS.map((f) => `'${f}', ${facetCountSql(f)}`).join(', ')}) END`
      : 'NULL::json';
    const [row] = (await this.reads.query(
      `WITH ${ctes.join(',\n')}
       SELECT (SELECT go FROM ok) AS go, ${titleSampled} AS title_sampled, (SELECT count(*) FROM t)::int AS title_n, (SELECT count(*) FROM b)::int AS body_n,
              (SELECT count(*) FROM c)::int AS total, ${facets} AS facets,
              (SELECT coalesce(json_agg(hit ORDER BY n), '[]'::json) FROM page) AS hits`,
      params,
    )) as SearchRow[];
    return row!;
  }

  /**
   * The ranking of the candidates, as an SQL ORDER BY over the CTE c: "like mine" (use cases by
   * their similarity to the reference, every other type after them), the reader's language first,
   * title rank (by relevance), newest first, then the id.
   */
  private candidateOrder(plan: SearchPlan, params: unknown[]): string {
    const p = (value: unknown) => `$${params.push(value)}`;
    const keys: string[] = [];
    const like = plan.like ? likeTable(plan.like) : null;
    if (like) {
      const score = `coalesce((SELECT CASE WHEN coalesce(c.state, '') = ${p(like.state)}::text THEN s.same ELSE s.other END
                                 FROM unnest(${p(like.classes)}::text[], ${p(like.same)}::float8[], ${p(like.other)}::float8[]) AS s(cls, same, other)
                                WHERE s.cls = c.size_class),
                              CASE WHEN coalesce(c.state, '') = ${p(like.state)}::text THEN ${p(like.unknown.same)}::float8 ELSE ${p(like.unknown.other)}::float8 END)`;
      keys.push(`CASE WHEN c.type <> 'use_case' THEN -1 ELSE ${score} END DESC`);
    }
    if (plan.prefer) keys.push(`(c.language = ${p(plan.prefer)}::text) DESC`);
    if (plan.sort !== 'date' && plan.groups.length) keys.push('c.head DESC');
    keys.push('c.updated_at DESC', 'c.id COLLATE "C"');
    return keys.join(', ');
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? DEFAULT_PER_PAGE));
    const maxPage = Math.max(1, Math.ceil(this.candidateLimit / perPage));
    const page = Math.min(maxPage, Math.max(1, query.page ?? 1));
    const offset = (page - 1) * perPage;
    const { groups, df, corrections: applied } = await this.queryGroups(query.q);
    const hasText = groups.length > 0;
    const plan: SearchPlan = {
      query, groups, perPage, offset, indexGroups: null,
      levels: { title: null, body: null },
      sort: hasText && query.sort === 'date' ? 'date' : 'relevance',
      like: query.sort === 'similar' ? query.like : undefined,
      prefer: query.sort !== 'date' ? query.preferLanguage : undefined,
      facets: query.facets !== false,
    };

    // Candidates: documents whose title or tags contain every word (ranked by ts_rank on them),
    // then every other match, newest first. Total, facet counts and ranking cover the candidates;
    // broad queries report a lower bound.
    let row: SearchRow;
    if (hasText) {
      const n = await this.documentCount();
      // The words' share of the documents (wordShare), times what the filters and the visitor's
      // public-only view keep, from the planner's statistics (filterShare). A wrong guess costs one
      // more statement (see searchStatement()).
      const kept = await this.filterShare(query);
      // Words no document language holds together are not independent but apart: a sampled bucket
      // would come back empty and the search run again over everything (at a million documents
      // "participation Bürgerbeteiligung": 40 ms for nothing, then 48). Expecting no match, the one
      // statement searches everything at once, GIN intersecting the words' lists; a mixed-language
      // document still holds both words, which the lexicon's bits then show (the word gets its
      // document's language).
      const apart = sharedLanguages(groups, this.allLangs) === 0 && (await this.stemLanguages(groups)) === 0;
      const share = apart ? 0 : wordShare(df, n) * kept;
      const shortestList = Math.min(...df);
      const anywhere: Estimate = { documents: n, matches: n * share, shortestList };
      const head: Estimate = { documents: n, matches: n * share * TITLE_SHARE ** groups.length, shortestList: shortestList * TITLE_SHARE };
      // Title matches are a part of all matches: when its own estimate does not sample them, they
      // come from the body's bucket (nested buckets: the same documents), or every match when that
      // holds too few (inside the statement, see searchStatement).
      // Words apart: GIN is asked for every one, since a common word left to the row check would be
      // checked, in vain, on every row of the others ("ideas Beteiligungen success": 130 ms).
      plan.indexGroups = apart ? null : commonGroupsLeftOut(groups, df, n);
      const body = this.sampleLevel(anywhere, this.candidateLimit);
      plan.levels = { title: this.sampleLevel(head, this.titleCandidateLimit) ?? body, body };
      for (;;) {
        row = await this.searchStatement(plan);
        if (row.go) break;
        // Too few in the body's bucket: estimate the matches from what it held and widen accordingly.
        const level = plan.levels.body!;
        plan.levels.body = this.sampleLevel({ ...anywhere, matches: Math.max(row.body_n, 1) * level }, this.candidateLimit, level);
      }
    } else {
      row = await this.searchStatement(plan);
    }

    const facets = emptyFacets();
    if (row.facets) {
      for (const facet of FACETS) {
        facets[facet] = (row.facets[facet] ?? []).map(([value, count]) => ({ value, count: Number(count) }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      }
    }
    return {
      hits: row.hits.map((r) => ({
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
      total: row.total,
      totalIsLowerBound: row.title_sampled || plan.levels.body !== null || row.body_n >= this.candidateLimit,
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
    const completions = (await this.reads.query(
      `SELECT word, freq FROM ${this.lex} WHERE word LIKE $1 ORDER BY freq DESC, word LIMIT 6`,
      [`${unaccent(last).replace(/[\\%_]/g, '\\$&')}%`],
    )) as { word: string; freq: number }[];
    if (completions.length === 0) return [];
    const groups = [...list.map((w) => variants(w).join('|')), completions.map((c) => c.word).join('|')];
    // A common prefix matches many titles: take the candidates from a sample bucket (see search()),
    // a larger one when the bucket holds fewer than `limit`.
    const inTitles = completions.reduce((n, c) => n + Number(c.freq), 0) * TITLE_SHARE;
    const estimate: Estimate = { documents: await this.documentCount(), matches: inTitles * (audience === 'member' ? 1 : 0.5), shortestList: inTitles };
    let level = this.sampleLevel(estimate, SUGGEST_CANDIDATES);
    for (;;) {
      const params: unknown[] = [groups];
      const filters = this.filterSql({ audience }, params);
      const tq = this.indexQuery({ audience }, level, params);
      params.push(limit);
      const rows = (await this.reads.query(
        `WITH q AS (SELECT ${this.tsquery} AS tq),
              cand AS (SELECT d.id, d.title, d.url, d.type, d.language, d.title_tsv FROM ${this.docs} d
                        WHERE d.title_tsv @@ (SELECT ${tq} FROM q)${sampleSql(level)} AND ${filters} LIMIT ${SUGGEST_CANDIDATES})
         SELECT title, url, type, language FROM cand ORDER BY ts_rank(title_tsv, (SELECT tq FROM q)) DESC, length(title), id LIMIT $${params.length}`,
        params,
      )) as Suggestion[];
      if (level === null || rows.length >= limit) return rows;
      level = this.sampleLevel(estimate, SUGGEST_CANDIDATES, level / 8);
    }
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

/** A document's text as stored (and as its lexicon words are counted). */
interface StoredText {
  title: string;
  tags: string[];
  body: string;
  language: string;
}

/** Per word: the change in the number of documents holding it, how it was first written, its languages. */
type LexiconDelta = Map<string, { n: number; display: string; langs: number }>;

function countWords(delta: LexiconDelta, d: StoredText, sign: 1 | -1): void {
  const bit = sign > 0 ? langBit(d.language) : 0;
  for (const [w, written] of lexiconWords(`${d.title} ${d.tags.join(' ')} ${d.body}`)) {
    const e = delta.get(w) ?? { n: 0, display: written, langs: 0 };
    e.n += sign;
    e.langs |= bit;
    delta.set(w, e);
  }
}

/**
 * The lexicon counts, per word, the documents holding it: a written document adds its words, the
 * text it replaces and a deleted document take theirs away, and a word no document holds any more
 * leaves the lexicon — so a removed text (or a deleted member's handle) does not live on in typo
 * corrections and suggestions. Sorted keys: concurrent writers lock lexicon rows in the same order.
 */
async function applyLexicon(db: Queryable, lex: string, delta: LexiconDelta): Promise<void> {
  const words = [...delta.keys()].sort();
  if (!words.length) return;
  const e = words.map((w) => delta.get(w)!);
  await db.query(
    `INSERT INTO ${lex} AS l (word, freq, display, langs)
     SELECT w, n, s, b FROM unnest($1::text[], $2::int[], $3::text[], $4::smallint[]) AS u(w, n, s, b) ORDER BY w
     ON CONFLICT (word) DO UPDATE SET freq = l.freq + excluded.freq, langs = l.langs | excluded.langs`,
    [words, e.map((x) => x.n), e.map((x) => x.display), e.map((x) => x.langs)],
  );
  const fewer = words.filter((w) => delta.get(w)!.n < 0);
  if (fewer.length) await db.query(`DELETE FROM ${lex} WHERE word = ANY($1::text[]) AND freq <= 0`, [fewer]);
}

async function deleteDocuments(ds: DataSource, docs: string, lex: string, ids: string[]): Promise<void> {
  await ds.transaction(async (db) => {
    const gone = await rows<StoredText>(db, `DELETE FROM ${docs} WHERE id = ANY($1::text[]) RETURNING title, tags, body, language`, [ids]);
    const delta: LexiconDelta = new Map();
    for (const d of gone) countWords(delta, d, -1);
    await applyLexicon(db, lex, delta);
  });
}

/** Upserts documents (never replacing a higher version) and moves the lexicon counts from their old text to the new. */
async function writeDocuments(ds: DataSource, docs: string, lex: string, all: VersionedDocument[]): Promise<void> {
  if (all.length === 0) return;
  await ds.transaction(async (db) => {
    const old = new Map(((await db.query(
      `SELECT id, version, title, tags, body, language FROM ${docs} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [all.map((d) => d.id)],
    )) as (StoredText & { id: string; version: string })[]).map((r) => [r.id, r]));
    // A stored version newer than the change stays (the upsert below skips it too).
    const list = all.filter((d) => !old.has(d.id) || Number(old.get(d.id)!.version) <= d.version);
    if (list.length === 0) return;
    await writeRows(db, docs, list);
    const delta: LexiconDelta = new Map();
    for (const d of list) {
      const prev = old.get(d.id);
      if (prev) countWords(delta, prev, -1);
      countWords(delta, { title: stripMarkers(d.title), tags: d.tags.map(stripMarkers), body: stripMarkers(d.body), language: d.language }, 1);
    }
    await applyLexicon(db, lex, delta);
  });
}

async function writeRows(db: Queryable, docs: string, list: VersionedDocument[]): Promise<void> {
  await db.query(
    `INSERT INTO ${docs} AS s (id, type, title, body, tags, topics, methods, administration, state, size_class,
                               language, visibility, url, created_at, updated_at, version, title_tsv, tsv)
     SELECT x.id, x.type, x.title, x.body, x.tags, x.topics, x.methods, x.administration, x.state, x.size_class,
            x.language, x.visibility, x.url, x.created_at, x.updated_at, x.version,
            setweight(to_tsvector(x.cfg, x.title), 'A') || setweight(to_tsvector(x.cfg, x.tag_text), 'B') || x.extra,
            setweight(to_tsvector(x.cfg, x.title), 'A') || setweight(to_tsvector(x.cfg, x.tag_text), 'B')
              || setweight(to_tsvector(x.cfg, x.body), 'C') || x.extra
       FROM (SELECT u.*, praxis_ts_config(u.language) AS cfg,
                    array_to_string(u.tags, ' ') AS tag_text,
                    -- Sample bucket and facet values as lexemes (migration 1763700010000).
                    praxis_sample_lexemes(u.id) || praxis_facet_lexemes(u.type, u.topics, u.methods, u.administration,
                      u.state, u.size_class, u.language) AS extra
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
          language: searchLanguage(d.language),
          visibility: d.visibility === 'public' ? 'public' : 'network',
          url: d.url,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
          version: d.version,
        })),
      ),
    ],
  );
}

/**
 * "Like mine" as a table for SQL: the similarity score (administrations/similarity.ts) of a use case
 * to the reference by its size class (as the class's representative population) and whether it is
 * in the reference's Land, computed here by the one formula; the index holds no kind, so the kind
 * counts as the reference's. Only use cases are ranked: every other hit comes after them.
 */
function likeTable(ref: SimilarityRef) {
  const elsewhere = `${ref.state}\u0000`; // any Land but the reference's
  const score = (population: number | null, state: string) => similarity(ref, { kind: ref.kind, population, state });
  const classes = Object.keys(SIZE_CLASS_POPULATION);
  return {
    state: ref.state,
    classes,
    same: classes.map((c) => score(SIZE_CLASS_POPULATION[c]!, ref.state)),
    other: classes.map((c) => score(SIZE_CLASS_POPULATION[c]!, elsewhere)),
    unknown: { same: score(null, ref.state), other: score(null, elsewhere) },
  };
}

/**
 * One facet's counts over the candidates (CTE c) as a JSON array of [value, count]; a value of an
 * array facet counts once per document, documents without a value are not counted.
 */
function facetCountSql(facet: FacetName): string {
  const { column, array } = FACET_COLUMNS[facet];
  const from = array ? `c CROSS JOIN LATERAL (SELECT DISTINCT v FROM unnest(c.${column}) AS v) u` : 'c';
  const value = array ? 'u.v' : `c.${column}`;
  return `(SELECT coalesce(json_agg(json_build_array(x.v, x.n)), '[]'::json)
             FROM (SELECT ${value} AS v, count(*)::int AS n FROM ${from} WHERE ${value} IS NOT NULL GROUP BY 1) x)`;
}
