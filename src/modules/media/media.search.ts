// The search contract for training videos (issue 18): one document per guide chapter or academy
// course that has published videos ('chapter_video' / 'course_video', keyed by the parent's id, as
// the search index keys documents by integer ids and a video's id is a UUID). The document holds
// the videos' titles, descriptions and transcripts (from the captions in the content's language),
// each transcript line prefixed with its time ("[04:12] …"), so the snippet of a hit in the
// transcript shows the moment. Only what a visitor may see: published videos of a published guide's
// chapter / a course not archived; anything else is reported gone and leaves the index.
import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import type { SearchDocument } from '../../shared/search-index.js';
import { queueSearchIndex, searchLanguage } from '../../shared/search-index.js';
import { parseWebVtt, transcriptOf } from '../../shared/webvtt.js';
import { parentsWithPublishedVideos, searchableVideos, type ParentKind, type SearchableVideoRow as Row } from './media.store.js';

export const VIDEO_DOC_TYPE = { chapter: 'chapter_video', course: 'course_video' } as const;

/** Queues the parent's video document (in the transaction of the change). */
export const queueVideoIndex = (db: Queryable, parent: { kind: ParentKind; id: number }) =>
  queueSearchIndex(db as EntityManager, VIDEO_DOC_TYPE[parent.kind], parent.id);

/** The text of one video in the document: title, description, then its transcript lines with their times. */
export function videoText(r: Pick<Row, 'title' | 'description' | 'captions'>): string {
  const lines = r.captions ? transcriptOf(parseWebVtt(r.captions).cues).map((l) => `[${l.clock}] ${l.text}`) : [];
  return [r.title, r.description, ...lines].filter(Boolean).join('\n');
}

function sourceFor(kind: ParentKind) {
  return async (db: EntityManager, ids: number[]): Promise<SearchDocument[]> => {
    if (!ids.length) return [];
    const found = await searchableVideos(db, kind, ids);
    const byParent = new Map<number, Row[]>();
    for (const r of found) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
    return [...byParent.entries()].map(([parentId, videos]) => {
      const first = videos[0]!;
      const newest = videos.reduce((a, b) => (new Date(b.updatedAt) > new Date(a.updatedAt) ? b : a));
      return {
        id: `${VIDEO_DOC_TYPE[kind]}:${parentId}`,
        type: VIDEO_DOC_TYPE[kind],
        title: videos.map((v) => v.title).join(' · '),
        body: videos.map(videoText).join('\n\n'),
        tags: first.tags ?? [],
        topics: [],
        methods: [],
        administration: null,
        state: null,
        sizeClass: null,
        language: searchLanguage(first.language),
        visibility: 'public' as const,
        url: momentsUrl(kind, parentId),
        createdAt: new Date(first.createdAt).toISOString(),
        updatedAt: new Date(newest.updatedAt).toISOString(),
      };
    });
  };
}

export const chapterVideoSource = sourceFor('chapter');
export const courseVideoSource = sourceFor('course');

/** For `npm run search:reindex`: the parents with at least one published video. */
export const videoParentIds = (kind: ParentKind) => (db: EntityManager, after: number, limit: number): Promise<number[]> =>
  parentsWithPublishedVideos(db, kind, after, limit);

/** The address of a parent's video document: a redirect to the moment of the query (momentOf). */
export const momentsUrl = (kind: ParentKind, parentId: number) => `/media/moments/${kind === 'chapter' ? 'chapters' : 'courses'}/${parentId}`;

const words = (s: string) => s.toLocaleLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);

/**
 * Where a search hit in a parent's videos leads: the chapter or course page at the first transcript
 * line that contains a query word (a word starting with it, or sharing its first five letters, so
 * "Testbilder" finds "Testbild"): `#t=<seconds>` (and `&v=<video id>` when it is not the page's
 * first video). No matching line (the hit was in a title or description): the page at the video.
 * null when the parent has no video a visitor may see.
 */
export async function momentOf(db: Queryable, kind: ParentKind, parentId: number, q: string): Promise<{ url: string; line: string | null } | null> {
  const found = await searchableVideos(db, kind, [parentId]);
  if (!found.length) return null;
  const base = found[0]!.url;
  const wanted = words(q);
  const matches = (w: string) => wanted.some((x) => w.startsWith(x) || (x.length >= 5 && w.startsWith(x.slice(0, 5))));
  for (const [i, v] of found.entries()) {
    if (!v.captions) continue;
    const line = transcriptOf(parseWebVtt(v.captions).cues).find((l) => words(l.text).some(matches));
    if (line) return { url: `${base}#t=${Math.floor(line.start)}${i > 0 ? `&v=${v.videoId}` : ''}`, line: line.text };
  }
  return { url: `${base}#video-${found[0]!.videoId}`, line: null };
}
