// Plain view objects for the guide templates (never entities or raw rows).
import { formatDate, type Lang } from '../../shared/i18n.js';
import { diffSnapshots, type GuideSnapshot } from './guides.model.js';
import type { ChapterRow, GuideDetail, RevisionRow } from './guides.queries.js';

export function guideHeaderView(g: GuideDetail, lang: Lang, today: string) {
  return {
    slug: g.slug,
    title: g.title,
    summary: g.summary,
    tags: g.tags,
    status: g.status,
    statusKey: `guides.status.${g.status}`,
    archived: g.status === 'archived',
    published: g.status === 'published' || g.status === 'archived',
    hasDraft: !!g.draftRevisionId,
    reviewState: g.reviewState,
    ownerName: g.ownerName,
    ownerHandle: g.ownerHandle,
    verifiedOn: g.verifiedOn ? formatDate(lang, `${g.verifiedOn}T12:00:00Z`) : null,
    verifiedOnIso: g.verifiedOn,
    nextReviewOn: g.nextReviewOn ? formatDate(lang, `${g.nextReviewOn}T12:00:00Z`) : null,
    reviewDue: g.status === 'published' && !!g.nextReviewOn && g.nextReviewOn <= today,
    language: g.language,
  };
}

export function tocView(slug: string, chapters: (ChapterRow & { language?: string })[], currentSlug?: string, query = '') {
  return chapters.map((c, i) => ({
    number: i + 1,
    slug: c.slug,
    title: c.title,
    language: c.language,
    href: `/guides/${slug}/${c.slug}${query}`,
    read: c.read,
    current: c.slug === currentSlug,
  }));
}

export function progressView(chapters: ChapterRow[]) {
  const read = chapters.filter((c) => c.read).length;
  const total = chapters.length;
  return { read, total, percent: total ? Math.round((read / total) * 100) : 0, done: total > 0 && read === total };
}

export function revisionListView(rows: RevisionRow[], lang: Lang, publishedId: number | null, draftId: number | null) {
  return rows.map((r) => ({
    id: r.id,
    message: r.message,
    chapterTitle: r.chapterTitle,
    authorName: r.authorName,
    originKey: `guides.origin.${r.origin}`,
    statusKey: `guides.revisionStatus.${r.status}`,
    createdAt: r.createdAt,
    when: formatDate(lang, r.createdAt, true),
    reviewerName: r.reviewerName,
    reviewComment: r.reviewComment,
    isPublished: r.id === publishedId,
    isDraft: r.id === draftId,
  }));
}

export function snapshotView(s: GuideSnapshot) {
  return {
    title: s.title,
    summary: s.summary,
    tags: s.tags,
    chapters: s.chapters.map((c, i) => ({ number: i + 1, uid: c.uid, slug: c.slug, title: c.title, html: c.html })),
  };
}

export function diffView(before: GuideSnapshot | null, after: GuideSnapshot) {
  const d = diffSnapshots(before, after);
  return { ...d, lines: d.lines.map((l) => ({ ...l, added: l.kind === 'added', removed: l.kind === 'removed' })), empty: d.added + d.removed === 0 };
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
