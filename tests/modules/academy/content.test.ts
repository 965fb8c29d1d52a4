import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseGift } from '../../../src/modules/academy/gift.js';
import { DEFAULT_GUIDES_ROOT, parseGuideDir } from '../../../src/modules/guides/guides.content.js';
import { contentDir } from '../../../src/paths.js';

// The demo content in content/academy must always import (and use every question kind).
describe('academy demo content', () => {
  const dir = path.join(contentDir, 'academy');
  const manifest = parse(readFileSync(path.join(dir, 'academy.yml'), 'utf8')) as { quizzes: { slug: string; file: string }[]; courses: { quizzes: string[]; guides: string[] }[] };

  it('when the demo GIFT files are parsed, then each has 8–12 questions, all six kinds appear and every chapter points to a course guide', () => {
    const kinds = new Set<string>();
    expect(manifest.courses).toHaveLength(2);
    expect(manifest.quizzes).toHaveLength(3);
    const guides = new Set(manifest.courses.flatMap((c) => c.guides));
    for (const q of manifest.quizzes) {
      const questions = parseGift(readFileSync(path.join(dir, q.file), 'utf8'));
      expect(questions.length).toBeGreaterThanOrEqual(8);
      expect(questions.length).toBeLessThanOrEqual(12);
      for (const question of questions) {
        kinds.add(question.kind);
        expect(question.explanation).not.toBe('');
        expect(question.chapterRef).not.toBeNull();
        expect(guides.has(question.chapterRef!.split('/')[0]!)).toBe(true);
      }
    }
    expect([...kinds].sort()).toEqual(['multiple', 'numeric', 'ordering', 'short', 'single', 'truefalse']);
    for (const c of manifest.courses) for (const slug of c.quizzes) expect(manifest.quizzes.map((q) => q.slug)).toContain(slug);
  });

  it('when a demo question points to a chapter, then that chapter exists in the demo guide (the result page links to it)', () => {
    const chapters = new Set<string>();
    for (const slug of new Set(manifest.courses.flatMap((c) => c.guides))) {
      for (const ch of parseGuideDir(path.join(DEFAULT_GUIDES_ROOT, slug), slug).snapshot.chapters) chapters.add(`${slug}/${ch.slug}`);
    }
    const missing = manifest.quizzes
      .flatMap((q) => parseGift(readFileSync(path.join(dir, q.file), 'utf8')).map((question) => question.chapterRef!))
      .filter((ref) => !chapters.has(ref));
    expect(missing).toEqual([]);
  });
});
