import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { DEFAULT_GUIDES_ROOT, parseGuideDir } from '../../../src/modules/guides/guides.content.js';
import { contentDir } from '../../../src/paths.js';

describe('the shipped guides in content/guides', () => {
  const dirs = readdirSync(DEFAULT_GUIDES_ROOT).filter((d) => !d.startsWith('.'));
  const handles = (parse(readFileSync(path.join(contentDir, 'demo', 'members.yml'), 'utf8')) as { handle: string }[]).map((m) => m.handle);

  it('when the shipped guides are parsed, then each is valid, German, owned by a demo member and has 4–8 chapters', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(4);
    for (const dir of dirs) {
      const g = parseGuideDir(path.join(DEFAULT_GUIDES_ROOT, dir), `guides/${dir}`);
      expect([dir, g.snapshot.language]).toEqual([dir, 'de']);
      expect(handles).toContain(g.owner);
      expect(g.snapshot.chapters.length).toBeGreaterThanOrEqual(4);
      expect(g.snapshot.chapters.length).toBeLessThanOrEqual(8);
      for (const c of g.snapshot.chapters) {
        expect(c.source.length).toBeGreaterThan(800);
        expect(c.html).not.toContain('&lt;');
      }
    }
  });
});
