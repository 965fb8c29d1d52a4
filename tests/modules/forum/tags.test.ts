import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normaliseTags, TAG_PATTERN, threadSchema } from '../../../src/modules/forum/forum.schemas.js';

describe('forum tags', () => {
  it('when tags are typed in any case and spacing, then they come out lower-case, trimmed, hyphenated and unique', () => {
    expect(normaliseTags(' Bürgerhaushalt, ONLINE Dialog;bürgerhaushalt,, #Datenschutz ')).toEqual(['bürgerhaushalt', 'online-dialog', 'datenschutz']);
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (raw) => {
      const tags = normaliseTags(raw);
      expect(new Set(tags).size).toBe(tags.length);
      for (const t of tags) {
        expect(t).toBe(t.toLowerCase());
        expect(t).toBe(t.trim());
        expect(t).not.toMatch(/[\s,;#]/);
        expect(t.length).toBeGreaterThan(0);
      }
    }));
  });

  it('when a thread form has more than 5 tags or a tag with odd characters, then it is refused', () => {
    const base = { categoryId: '1', kind: 'question', title: 'Eine ausreichend lange Frage', body: 'Text' };
    expect(threadSchema.safeParse({ ...base, tags: 'a,b,c,d,e' }).success).toBe(true);
    expect(threadSchema.safeParse({ ...base, tags: 'a,b,c,d,e,f' }).success).toBe(false);
    expect(threadSchema.safeParse({ ...base, tags: '<script>' }).success).toBe(false);
    expect(TAG_PATTERN.test('jugend-beteiligung')).toBe(true);
  });
});
