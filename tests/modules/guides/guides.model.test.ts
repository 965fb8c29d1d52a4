import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, isDue, sameContent, type GuideSnapshot } from '../../../src/modules/guides/guides.model.js';
import { readFrontMatter } from '../../../src/modules/guides/guides.content.js';
import { chapterSchema } from '../../../src/modules/guides/guides.schemas.js';

const snap = (chapters: { title: string; source: string }[], title = 'Leitfaden'): GuideSnapshot => ({
  title, summary: 'S', tags: ['a'], ownerId: 1, reviewIntervalMonths: 12, language: 'de', sortOrder: 1,
  chapters: chapters.map((c, i) => ({ uid: `u${i}`, slug: `k${i}`, title: c.title, source: c.source, html: '' })),
});

describe('guides model', () => {
  it('when a chapter line changes, then the diff shows exactly that line removed and added', () => {
    const before = snap([{ title: 'Eins', source: 'Alpha\nBeta\nGamma' }]);
    const after = snap([{ title: 'Eins', source: 'Alpha\nBETA\nGamma' }]);
    const d = diffSnapshots(before, after);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    expect(d.lines.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['Beta']);
    expect(d.lines.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['BETA']);
  });

  it('when nothing changed, then the diff is empty and the snapshots count as the same', () => {
    const a = snap([{ title: 'Eins', source: 'Text' }]);
    expect(diffSnapshots(a, structuredClone(a)).added).toBe(0);
    expect(sameContent(a, structuredClone(a))).toBe(true);
    expect(sameContent(a, { ...a, ownerId: 2 })).toBe(false);
  });

  it('when the review date is today or earlier, then the guide is due', () => {
    expect(isDue('2026-11-21', '2026-11-21')).toBe(true);
    expect(isDue('2026-11-22', '2026-11-21')).toBe(false);
    expect(isDue(null, '2026-11-21')).toBe(false);
  });

  it('when front matter has a YAML error, then the file line of the error is reported', () => {
    const problem = (text: string) => {
      try {
        readFrontMatter(text, 'x.md');
      } catch (err) {
        return err as { line: number; message: string };
      }
      return null;
    };
    expect(problem('---\ntitle: ok\nowner: [a, b\n---\n')).toMatchObject({ line: 3, message: expect.stringMatching(/^YAML/) });
    expect(problem('---\ntitle: ok\ntitle: again\n---\n')).toMatchObject({ line: 3 });
    expect(problem('title: ok\n')).toMatchObject({ line: 1, message: expect.stringMatching(/front matter missing/) });
    expect(problem('---\ntitle: ok\n')).toMatchObject({ line: 1, message: expect.stringMatching(/not closed/) });
  });

  it('when front matter is valid, then keys are found on their file lines and the body follows', () => {
    const fm = readFrontMatter('---\ntitle: Titel\nowner: moderation\n---\n\nText hier\n', 'x.md');
    expect(fm.data).toEqual({ title: 'Titel', owner: 'moderation' });
    expect(fm.lineOf('owner')).toBe(3);
    expect(fm.body).toBe('Text hier\n');
  });

  it('when a browser sends a chapter with CRLF line ends, then it is stored with LF like the files', () => {
    expect(chapterSchema.parse({ title: 'Kapitel', body: 'Eins\r\nZwei\rDrei' }).body).toBe('Eins\nZwei\nDrei');
  });
});
