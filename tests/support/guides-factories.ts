// Guide factories: a published guide (or one with a pending draft) built through the module's own
// revision machinery, with unique slugs; and helpers to write content directories in temp dirs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../src/db/transaction.js';
import { renderMarkdown } from '../../src/shared/markdown.js';
import type { GuideSnapshot } from '../../src/modules/guides/guides.model.js';
import { lockGuide, proposeRevision, publishRevision } from '../../src/modules/guides/guides.store.js';
import { createUser, uniq, type TestUser } from './factories.js';

export interface TestGuide {
  id: number;
  slug: string;
  title: string;
  owner: TestUser;
  chapters: { slug: string; title: string; body: string }[];
}

export async function createGuide(
  ds: DataSource,
  o: Partial<{ owner: TestUser; title: string; tags: string[]; chapters: { slug: string; title: string; body: string }[]; publish: boolean; authorId: number | null }> = {},
): Promise<TestGuide> {
  const owner = o.owner ?? (await createUser(ds, { role: 'facilitator' }));
  const slug = uniq('guide-');
  const title = o.title ?? `Leitfaden ${slug}`;
  const chapters = o.chapters ?? [
    { slug: 'einstieg', title: 'Einstieg', body: 'Erster Text zum Einstieg.' },
    { slug: 'planung', title: 'Planung', body: 'Zweiter Text zur Planung.' },
    { slug: 'umsetzung', title: 'Umsetzung', body: 'Dritter Text zur Umsetzung.' },
  ];
  const snapshot: GuideSnapshot = {
    title, summary: 'Eine Zusammenfassung.', tags: o.tags ?? ['test'], ownerId: owner.id, reviewIntervalMonths: 12, language: 'de', sortOrder: 100,
    chapters: chapters.map((c) => ({ uid: `c-${c.slug}`, slug: c.slug, title: c.title, source: c.body, html: renderMarkdown(c.body), sourceUrl: null, sourceTitle: null })),
  };
  const id = await inTransaction(ds, async (db) => {
    const [row] = await db.query(
      `INSERT INTO guides (slug, title, summary, tags, owner_id, status, source) VALUES ($1, $2, $3, $4, $5, 'draft', 'app') RETURNING id`,
      [slug, title, snapshot.summary, snapshot.tags, owner.id]);
    const guide = await lockGuide(db, { id: row.id });
    const rev = await proposeRevision(db, guide, snapshot, { authorId: o.authorId ?? null, message: 'angelegt', origin: 'app', quiet: true });
    if (o.publish !== false) await publishRevision(db, guide, rev, null);
    return row.id as number;
  });
  return { id, slug, title, owner, chapters };
}

const tempDirs: string[] = [];

/** A fresh content root with the given guides: { slug: { 'guide.md': text, '01-x.md': text } }. */
export function contentRoot(guides: Record<string, Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'praxis-guides-'));
  tempDirs.push(dir);
  const root = path.join(dir, 'guides');
  mkdirSync(root);
  writeGuides(root, guides);
  return root;
}

/** Call in afterAll: removes the temp dirs made by contentRoot. */
export function removeContentRoots(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeGuides(root: string, guides: Record<string, Record<string, string>>): void {
  for (const [slug, files] of Object.entries(guides)) {
    mkdirSync(path.join(root, slug), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, slug, name), text);
  }
}

export const guideMd = (o: { title?: string; owner: string; tags?: string[]; extra?: string }) =>
  `---\ntitle: ${o.title ?? 'Ein Leitfaden zum Testen'}\nsummary: Worum es geht.\ntags: [${(o.tags ?? ['test']).join(', ')}]\nowner: ${o.owner}\nreviewIntervalMonths: 6\nlanguage: de\norder: 10\n${o.extra ?? ''}---\n`;

export const chapterMd = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

export const count = async (ds: DataSource, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await ds.query(sql, params))[0].n);
