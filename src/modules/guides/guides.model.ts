// Pure guide logic: the revision snapshot (a whole guide, chapters in order), its canonical text
// for diffs and hashing, and review dates. No database access here, so it is unit-tested directly.
import { sha256 } from '../../shared/identity.js';
import { diffLines } from 'diff';

export const GUIDE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type GuideStatus = (typeof GUIDE_STATUSES)[number];
export type ReviewState = 'none' | 'in_review' | 'changes_requested';
export type RevisionOrigin = 'app' | 'file' | 'restore' | 'promote';

/** Guide slugs that would collide with /guides/new and /guides/review. */
export const RESERVED_GUIDE_SLUGS = ['new', 'review', 'translations'];

/** Chapter slugs that would collide with the guide's own sub-pages. */
export const RESERVED_CHAPTER_SLUGS = ['print', 'translate', 'translation-current', 'edit', 'revisions', 'chapters', 'review', 'archive', 'confirm', 'new', 'draft', 'reorder'];

export interface SnapshotChapter {
  /** Stable identity across revisions (file chapters: "file:<slug>", app chapters: a random id). */
  uid: string;
  slug: string;
  title: string;
  source: string;
  /** Rendered and sanitised on write (src/shared/markdown.ts). */
  html: string;
  sourceUrl?: string | null;
  sourceTitle?: string | null;
}

/** Everything a revision proposes: the guide's metadata and all its chapters, in order. */
export interface GuideSnapshot {
  title: string;
  summary: string;
  tags: string[];
  ownerId: number | null;
  reviewIntervalMonths: number;
  language: string;
  sortOrder: number;
  chapters: SnapshotChapter[];
}

/** The text a person reads in a diff: metadata first, then each chapter with its Markdown. */
export function snapshotText(s: GuideSnapshot | null): string {
  if (!s) return '';
  const lines = [`# ${s.title}`, '', s.summary, '', `Tags: ${s.tags.join(', ')}`, `Review: ${s.reviewIntervalMonths}`, ''];
  s.chapters.forEach((c, i) => {
    lines.push(`## ${i + 1}. ${c.title} (${c.slug})`, '');
    if (c.sourceUrl) lines.push(`Source: ${c.sourceTitle ?? ''} <${c.sourceUrl}>`, '');
    lines.push(c.source.trimEnd(), '');
  });
  return lines.join('\n');
}

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

export interface DiffView {
  lines: DiffLine[];
  added: number;
  removed: number;
}

/** A line diff with unchanged stretches folded to `context` lines around each change. */
export function diffSnapshots(before: GuideSnapshot | null, after: GuideSnapshot, context = 2): DiffView {
  const parts = diffLines(snapshotText(before), snapshotText(after));
  const all: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    const kind = p.added ? 'added' : p.removed ? 'removed' : 'same';
    const lines = p.value.replace(/\n$/, '').split('\n');
    if (kind === 'added') added += lines.length;
    if (kind === 'removed') removed += lines.length;
    for (const text of lines) all.push({ kind, text });
  }
  const keep = all.map((l) => l.kind !== 'same');
  const near = all.map((_, i) => keep.slice(Math.max(0, i - context), i + context + 1).some(Boolean));
  const lines: DiffLine[] = [];
  let skipped = false;
  all.forEach((l, i) => {
    if (near[i]) {
      lines.push(l);
      skipped = false;
    } else if (!skipped) {
      lines.push({ kind: 'same', text: '…' });
      skipped = true;
    }
  });
  return { lines, added, removed };
}

export const sameContent = (a: GuideSnapshot | null, b: GuideSnapshot) => snapshotText(a) === snapshotText(b) && a?.ownerId === b.ownerId && a?.language === b.language && a?.sortOrder === b.sortOrder;

export { sha256 };

export const isDue = (nextReviewOn: string | null, today: string) => !!nextReviewOn && nextReviewOn <= today;
