// Text handling shared by the engines: query words, umlaut folding, one-typo distance, and the
// only way excerpts become HTML (escape everything, then turn the engine's markers into <mark>).

/** Markers the engines put around matches; they cannot occur in user text (control characters). */
export const HL_START = '\u0001';
export const HL_END = '\u0002';

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** Lower case, accents removed (ü → u, é → e), ß → ss. */
export function unaccent(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

/** The words of a query or a text: letters and digits, lower case, at most 40 characters each. */
export function words(text: string, max = MAX_WORDS): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].slice(0, MAX_WORD_LENGTH);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * The terms of a query: words, with a hyphenated word kept together as its parts
 * ("Vorab-Abstimmung" → ["vorab", "abstimmung"]), at most `max` terms.
 */
export function queryTerms(text: string, max = MAX_WORDS): string[][] {
  const out: string[][] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    out.push(m[0].split('-').slice(0, 4).map((w) => w.slice(0, MAX_WORD_LENGTH)));
    if (out.length >= max) break;
  }
  return out;
}

/** Compounds are looked into from this length on (unaccented letters). */
export const MIN_COMPOUND_LENGTH = 7;

/**
 * Ways a compound typed whole may have been written in two parts: a head of 4+ letters at the end
 * and a front of 3+ letters, which may overlap it by up to 3 letters — "vorabstimmung" is
 * "vorab" + "abstimmung" as well as "vor" + "abstimmung". The engine keeps the pairs whose parts
 * both occur in the texts.
 */
export function compoundSplits(word: string): [string, string][] {
  const out: [string, string][] = [];
  if (word.length < MIN_COMPOUND_LENGTH) return out;
  for (let i = 3; i <= word.length - 4; i++) {
    for (let j = i; j <= Math.min(i + 3, word.length - 1); j++) out.push([word.slice(0, j), word.slice(i)]);
  }
  return out;
}

/**
 * Ways a hyphenated word may have been written as one: the parts joined, and for two parts where
 * the first ends as the second begins, joined over that overlap ("vorab" + "abstimmung" →
 * "vorababstimmung", "vorabstimmung").
 */
export function joinedForms(parts: string[]): string[] {
  const out = new Set([parts.join('')]);
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    for (let k = 1; k <= 3 && k < b.length; k++) if (a.endsWith(b.slice(0, k))) out.add(a + b.slice(k));
  }
  return [...out];
}

/**
 * Spelling variants of a query word that must find the same documents: the word itself, without
 * accents ("Bürger" → "burger"), the ASCII transcription folded ("Buerger" → "burger", German
 * normalisation: ae/oe/ue → a/o/u except after a vowel or q), and the umlaut transcription.
 */
export function variants(word: string): string[] {
  const lower = word.toLowerCase();
  const plain = unaccent(lower);
  const folded = plain.replace(/(^|[^aeiouq])(a|o|u)e/g, '$1$2');
  const transcribed = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  return [...new Set([lower, plain, folded, transcribed])];
}

/** Optimal string alignment distance (a transposition counts as one edit), stopping above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = rows[i][0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** Words of 5 or more letters may carry one typo (PRODUCT.md §8). */
export const MIN_TYPO_LENGTH = 5;

/** Picks the corrections of `word` among lexicon candidates: distance 1, most frequent first. */
export function corrections(word: string, candidates: { word: string; freq: number }[], limit = 3): string[] {
  if (word.length < MIN_TYPO_LENGTH) return [];
  return candidates
    .filter((c) => c.word !== word && editDistance(word, c.word, 1) <= 1)
    .sort((a, b) => b.freq - a.freq || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((c) => c.word);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes everything, then turns the match markers into <mark>; unbalanced markers are dropped. */
export function highlightHtml(marked: string): string {
  const escaped = marked.replace(/[&<>"']/g, (c) => ESCAPES[c]);
  let open = false;
  let out = '';
  for (const ch of escaped) {
    if (ch === HL_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (ch === HL_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += ch;
  }
  return open ? `${out}</mark>` : out;
}

/** Removes marker characters from indexed text so that stored text can never forge a highlight. */
export function stripMarkers(text: string): string {
  return text.split(HL_START).join(' ').split(HL_END).join(' ');
}

/** The normalised form of a query stored for knowledge gaps: lower case, single spaces, no digits runs of 4+ (ids, phone numbers), no e-mail addresses. */
export function normaliseQueryForGaps(q: string): string {
  return q
    .toLowerCase()
    .replace(/\S+@\S+/g, ' ')
    .replace(/\d{4,}/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}
