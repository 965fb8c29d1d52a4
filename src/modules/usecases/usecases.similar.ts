// The reference of the list's "similar" sort: whom the cases should come from administrations like.
// In order of precedence: an administration picked by slug (`like=<slug>`) or by its name as typed in
// the picker (`like_name`; an exact name, or the only one starting with it), a size class and/or Land
// with an optional kind (`like_size`, `like_state`, `like_kind`; kind defaults to municipality), and
// the member's own administration. Unknown values are ignored, never an error.
import type { DataSource } from 'typeorm';
import {
  ADMINISTRATION_KINDS, findReference, referenceByName, SIZE_CLASSES, SIZE_CLASS_POPULATION, STATE_CODES, type SimilarityRef,
} from '../administrations/index.js';

/** What the reader asked for in the query string, only the known values. */
export interface ReferenceChoice {
  like?: string;
  /** A name typed into the picker (used when no slug is given). */
  likeName?: string;
  likeSize?: string;
  likeState?: string;
  likeKind?: string;
}

export type ListReference =
  | { source: 'administration' | 'mine'; ref: SimilarityRef; name: string; slug: string }
  | { source: 'class'; ref: SimilarityRef; sizeClass?: string; kind: string };

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const pick = (v: unknown, allowed: readonly string[]) => (typeof v === 'string' && allowed.includes(v) ? v : undefined);

export function referenceChoiceFromQuery(q: Record<string, unknown>): ReferenceChoice {
  const like = typeof q.like === 'string' && SLUG.test(q.like) ? q.like : undefined;
  const likeName = typeof q.like_name === 'string' && q.like_name.trim() ? q.like_name.trim().slice(0, 200) : undefined;
  return {
    like, likeName, likeSize: pick(q.like_size, SIZE_CLASSES), likeState: pick(q.like_state, STATE_CODES), likeKind: pick(q.like_kind, ADMINISTRATION_KINDS),
  };
}

/** The choice as query parameters (for links that keep it: pages, removing a filter). */
export function referenceParams(c: ReferenceChoice): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.like) out.like = c.like;
  if (c.likeSize) out.like_size = c.likeSize;
  if (c.likeState) out.like_state = c.likeState;
  if (c.likeKind) out.like_kind = c.likeKind;
  return out;
}

/**
 * The picked administration (by slug, or by the typed name: one statement), or a class, or else the
 * member's own. A typed name that names no single administration leaves `unmatched` with suggestions
 * (then the class or the member's own administration applies, as without a name).
 */
export async function resolveReference(
  ds: DataSource, c: ReferenceChoice, ownAdministrationId: number | null | undefined,
  unmatched?: { suggestions: { slug: string; name: string }[]; name?: string },
): Promise<ListReference | null> {
  if (c.like) {
    const a = await findReference(ds, { slug: c.like });
    if (a) return { source: 'administration', ref: { kind: a.kind, population: a.population, state: a.state }, name: a.name, slug: a.slug };
  } else if (c.likeName) {
    const { found: a, suggestions } = await referenceByName(ds, c.likeName);
    if (a) return { source: 'administration', ref: { kind: a.kind, population: a.population, state: a.state }, name: a.name, slug: a.slug };
    if (unmatched) Object.assign(unmatched, { suggestions, name: c.likeName });
  }
  if (c.likeSize || c.likeState) {
    const kind = c.likeKind ?? 'municipality';
    return {
      source: 'class', kind, sizeClass: c.likeSize,
      ref: { kind, population: c.likeSize ? SIZE_CLASS_POPULATION[c.likeSize]! : null, state: c.likeState ?? '' },
    };
  }
  if (ownAdministrationId) {
    const a = await findReference(ds, { id: ownAdministrationId });
    if (a) return { source: 'mine', ref: { kind: a.kind, population: a.population, state: a.state }, name: a.name, slug: a.slug };
  }
  return null;
}
