// What a chapter or course page shows of its videos: the published ones (facilitators: every one,
// marked), each with its tracks, the transcript from its captions and the chapter list.
import type { Queryable } from '../../db/sql.js';
import type { Lang } from '../../shared/i18n.js';
import { formatClock, parseWebVtt, transcriptOf, cuePlainText } from '../../shared/webvtt.js';
import { mediaPolicy, type Actor } from './media.policy.js';
import { parseEmbedUrl } from './media.embeds.js';
import * as store from './media.store.js';

export interface PlayerTrack {
  kind: string;
  srclang: string;
  /** Message key of the label, with the language. */
  labelKey: string;
  src: string;
  isDefault: boolean;
}

export interface PlayerVideo {
  id: string;
  domId: string;
  title: string;
  description: string;
  src: string;
  type: string;
  poster: string | null;
  width: number | null;
  height: number | null;
  published: boolean;
  status: string;
  tracks: PlayerTrack[];
  transcript: { start: number; clock: string; speaker: string | null; text: string; href: string | null }[];
  transcriptLang: string | null;
  chapters: { start: number; clock: string; title: string; href: string | null }[];
  editUrl: string;
  /** An embedded video: the provider, and whether the reader has agreed to load it (then src is the iframe's). */
  embed: { name: string; consentKey: string; privacyUrl: string; src: string; consented: boolean } | null;
}

export interface PlayerBlock {
  videos: PlayerVideo[];
  /** The facilitators' page of this chapter's or course's videos (null for readers). */
  manageUrl: string | null;
  /** The content's language (lang on titles and transcript). */
  language: string;
  /** Origins of the embeds the reader agreed to load: the page's CSP frame-src. */
  frameOrigins: string[];
  /** The page the consent form returns to. */
  pageUrl: string;
}

export const videoUrl = (id: string) => `/media/videos/${id}`;

/** A chapter or course with all its videos: read once per page, for the player and the comment blocks. */
export interface PlayerSource { parent: store.Parent; videos: store.VideoRow[] }

export async function playerSource(db: Queryable, kind: store.ParentKind, parentId: number): Promise<PlayerSource | null> {
  const parent = await store.findParent(db, kind, parentId);
  return parent ? { parent, videos: await store.videosOf(db, kind, parentId) } : null;
}

/** The videos a reader sees on a chapter or course page; null when there is nothing to show. */
export async function playerBlock(db: Queryable, kind: store.ParentKind, parentId: number, actor: Actor | undefined, _lang: Lang, consents: ReadonlySet<string> = new Set(), source?: PlayerSource | null): Promise<PlayerBlock | null> {
  const src = source === undefined ? await playerSource(db, kind, parentId) : source;
  if (!src) return null;
  const { parent, videos: all } = src;
  const canManage = mediaPolicy.canManage(actor);
  const shown = all.filter((v) => mediaPolicy.canWatch(actor, { parentVisible: parent.visible, published: !!v.publishedAt }) && (v.status === 'ready' || canManage));
  const manageUrl = canManage ? `/media/${kind === 'chapter' ? 'chapters' : 'courses'}/${parentId}` : null;
  if (!shown.length && !manageUrl) return null;
  const tracks = await store.tracksOf(db, shown.map((v) => v.id));
  const frameOrigins = new Set<string>();
  const videos = shown.map((v): PlayerVideo => {
    const own = tracks.filter((t) => t.videoId === v.id);
    const base = videoUrl(v.id);
    const captions = own.find((t) => t.kind === 'captions' && t.language === parent.language) ?? own.find((t) => t.kind === 'captions');
    const chaptersTrack = own.find((t) => t.kind === 'chapters');
    const parsed = v.kind === 'embed' && v.embedUrl ? parseEmbedUrl(v.embedUrl) : null;
    const consented = !!parsed && consents.has(parsed.consentKey);
    if (consented) frameOrigins.add(parsed.origin);
    // Transcript and chapter links seek the player; an embed's cannot be reached from here, so they show the time only.
    const seek = (s: number) => (v.kind === 'upload' ? `${base}/file#t=${Math.floor(s * 10) / 10}` : null);
    return {
      id: v.id,
      domId: `video-${v.id}`,
      title: v.title,
      description: v.description,
      src: `${base}/file`,
      type: v.contentType ?? 'video/mp4',
      poster: v.posterKey ? `${base}/poster.jpg` : null,
      width: v.width,
      height: v.height,
      published: !!v.publishedAt,
      status: v.status,
      tracks: own.map((t) => ({
        kind: t.kind, srclang: t.language, labelKey: `media.tracks.label.${t.kind}`,
        src: `${base}/tracks/${t.kind}/${t.language}.vtt`, isDefault: t === captions,
      })),
      transcript: captions ? transcriptOf(parseWebVtt(captions.source).cues).map((l) => ({ ...l, href: seek(l.start) })) : [],
      transcriptLang: captions?.language ?? null,
      chapters: chaptersTrack ? parseWebVtt(chaptersTrack.source).cues.map((c) => ({ start: c.start, clock: formatClock(c.start), title: cuePlainText(c.text), href: seek(c.start) })) : [],
      editUrl: base,
      embed: parsed ? { name: parsed.name, consentKey: parsed.consentKey, privacyUrl: parsed.privacyUrl, src: consented ? parsed.src : '', consented } : null,
    };
  });
  return { videos, manageUrl, language: parent.language, frameOrigins: [...frameOrigins], pageUrl: parent.url };
}
