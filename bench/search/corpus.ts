// A deterministic generator of realistic German/English search documents for the benchmark:
// participation vocabulary with a Zipf-like word distribution (common words match 100k+ documents
// at a million, as in real content), a long tail of rarer compound words, facets with skew.
import type { VersionedDocument } from '../../src/modules/search/index.js';
import type { SearchDocType } from '../../src/shared/search-index.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GERMAN = (
  'Bürgerbeteiligung Bürgerhaushalt Beteiligung Beteiligungen Stadt Gemeinde Verwaltung Rathaus Bürger Bürgerinnen ' +
  'Jugendbeteiligung Jugendliche Kinder Senioren Quartier Stadtteil Stadtentwicklung Verkehr Mobilität Radverkehr ' +
  'Klimaschutz Klimaanpassung Lärmaktionsplan Spielplatz Schulhof Haushalt Haushaltsplanung Vorschläge Ideen Umfrage ' +
  'Befragung Workshop Bürgerrat Bürgerforum Zukunftswerkstatt Planungszelle Online-Dialog Ideenwettbewerb Abstimmung ' +
  'Gemeinderat Stadtrat Beschluss Ratsbeschluss Leitlinien Satzung Datenschutz Barrierefreiheit Einladung Zufallsauswahl ' +
  'Moderation Dokumentation Ergebnisse Rückmeldung Transparenz Vertrauen Kommunikation Öffentlichkeitsarbeit Presse ' +
  'Digitalisierung Plattform Software Beteiligungsplattform Karte Kartenbasierte Stellungnahmen Bebauungsplan ' +
  'Flächennutzungsplan Wohnungsbau Grünflächen Parkanlage Friedhof Sportplatz Schwimmbad Bibliothek Kultur Tourismus ' +
  'Wirtschaft Einzelhandel Innenstadt Marktplatz Fußgängerzone Parkplätze Nahverkehr Buslinie Haltestelle Schulweg ' +
  'Sicherheit Beleuchtung Sauberkeit Müll Energie Windkraft Photovoltaik Wärmeplanung Budget Finanzierung Fördermittel ' +
  'Projekt Prozess Methode Erfahrungen Herausforderungen Erfolgsfaktoren Fehler Evaluation Wirkung Zielgruppen Ehrenamt ' +
  'Vereine Integration Migration Inklusion Gleichstellung Familien Nachbarschaft Dorfentwicklung Landkreis Kreistag'
).split(' ');

export const ENGLISH = (
  'participation citizens budget participatory community council town city municipality engagement survey workshop ' +
  'assembly deliberation youth children planning mobility climate housing neighbourhood transparency trust results ' +
  'evaluation methods process lessons learned challenges success factors digital platform online dialogue feedback ' +
  'proposals ideas voting decision administration staff training accessibility inclusion outreach'
).split(' ');

const FILLER_DE = 'und die der das mit für von in auf wir haben wurde werden ist ein eine einer zum zur bei nach über sehr gut auch noch nicht'.split(' ');
const FILLER_EN = 'and the of to in with for on we have was were is a an at by after about very good also not our their'.split(' ');

const TYPES: SearchDocType[] = ['thread', 'reply', 'reply', 'reply', 'use_case', 'guide_chapter', 'course'];
const STATES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'];
const SIZES = ['<10k', '10-20k', '20-50k', '50-100k', '100-500k', '>500k'];
const TOPICS = ['finance', 'mobility', 'climate', 'urban_development', 'youth', 'digital', 'social', 'culture', 'environment', 'housing'];
const METHODS = ['participatory_budget', 'citizens_assembly', 'online_dialogue', 'survey', 'workshop', 'idea_contest', 'map_consultation', 'pre_vote'];
const SYLLABLES = 'ber burg dorf feld hau sen stadt tal wald bach heim ing lin gen hof kir chen mar kt see brück hain rode'.split(' ');

/** Rarer words: generated compounds (place names, specialist terms) for a realistic lexicon. */
function tail(r: () => number, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    out.push(w[0].toUpperCase() + w.slice(1) + (i % 7 === 0 ? 'planung' : i % 5 === 0 ? 'konzept' : ''));
  }
  return out;
}

const zipf = (r: () => number, n: number) => Math.min(n - 1, Math.floor(n * r() ** 2.2));
const pick = <T>(r: () => number, list: T[]) => list[Math.floor(r() * list.length)];

export interface Generator {
  batch(start: number, count: number): VersionedDocument[];
  places: string[];
}

export function generator(seed = 42): Generator {
  const r = rng(seed);
  const places = tail(r, 4000);
  const rare = tail(r, 30_000);
  const sentence = (lang: 'de' | 'en', words: number) => {
    const vocab = lang === 'de' ? GERMAN : ENGLISH;
    const filler = lang === 'de' ? FILLER_DE : FILLER_EN;
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      const u = r();
      out.push(u < 0.45 ? pick(r, filler) : u < 0.9 ? vocab[zipf(r, vocab.length)] : rare[zipf(r, rare.length)]);
    }
    return `${out.join(' ')}.`;
  };
  return {
    places,
    batch(start, count) {
      const docs: VersionedDocument[] = [];
      for (let i = start; i < start + count; i++) {
        const lang = r() < 0.85 ? 'de' : 'en';
        const type = pick(r, TYPES);
        const place = places[zipf(r, places.length)];
        const vocab = lang === 'de' ? GERMAN : ENGLISH;
        const titleWords = Array.from({ length: 2 + Math.floor(r() * 4) }, () => vocab[zipf(r, vocab.length)]);
        const body = Array.from({ length: 3 + Math.floor(r() * 6) }, () => sentence(lang, 8 + Math.floor(r() * 12))).join(' ');
        const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 6 * 365 * 86400_000)).toISOString();
        docs.push({
          id: `${type}:${i + 1}`,
          type,
          title: `${titleWords.join(' ')} ${lang === 'de' ? 'in' : 'in'} ${place}`,
          body,
          tags: Array.from({ length: Math.floor(r() * 3) }, () => vocab[zipf(r, vocab.length)].toLowerCase()),
          topics: [pick(r, TOPICS)],
          methods: r() < 0.6 ? [pick(r, METHODS)] : [],
          administration: `Stadt ${place}`,
          state: pick(r, STATES),
          sizeClass: SIZES[zipf(r, SIZES.length)],
          language: lang,
          visibility: type === 'thread' || type === 'reply' ? (r() < 0.8 ? 'network' : 'public') : 'public',
          url: `/x/${type}/${i + 1}`,
          createdAt: date,
          updatedAt: date,
          version: 1,
        });
      }
      return docs;
    },
  };
}

/** Introduces one typo (swap, drop or replace a letter) in the middle of a word. */
export function typo(r: () => number, word: string): string {
  const i = 1 + Math.floor(r() * (word.length - 3));
  const kind = Math.floor(r() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + 'x' + word.slice(i + 1);
}

export { STATES, TOPICS, TYPES };
