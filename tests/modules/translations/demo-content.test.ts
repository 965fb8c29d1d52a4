import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_GUIDES_ROOT, parseGuideDir, parseGuideTranslations } from '../../../src/modules/guides/guides.content.js';

describe('the shipped translations in content/guides', () => {
  it('when the introductory guide is parsed, then its English translation covers every chapter and reads as English', () => {
    const dir = path.join(DEFAULT_GUIDES_ROOT, 'buergerhaushalt-planen');
    const original = parseGuideDir(dir, 'guides/buergerhaushalt-planen');
    const [en, ...others] = parseGuideTranslations(dir, 'guides/buergerhaushalt-planen', original, ['de', 'en']);
    expect(others).toEqual([]);
    expect(en!.language).toBe('en');
    expect(en!.snapshot.title).toBe('Planning a participatory budget');
    expect(en!.snapshot.chapters.map((c) => c.uid)).toEqual(original.snapshot.chapters.map((c) => c.uid));
    for (const [i, c] of en!.snapshot.chapters.entries()) {
      expect(c.source).not.toBe(original.snapshot.chapters[i]!.source);
      expect(c.source).toMatch(/\b(the|and|of)\b/);
      expect(c.source).not.toMatch(/\b(und|der|die|das)\b/);
    }
  });
});
