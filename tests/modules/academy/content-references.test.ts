import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseQuizSource } from '../../../src/modules/academy/authoring.model.js';
import { DEFAULT_GUIDES_ROOT, parseGuideDir } from '../../../src/modules/guides/guides.content.js';

// The demo content of two modules must fit together: every `//! chapter: guide/chapter` in
// content/academy and every guide a course lists exists in content/guides.
const academyRoot = path.join(path.dirname(DEFAULT_GUIDES_ROOT), 'academy');

function guideChapters(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const name of readdirSync(DEFAULT_GUIDES_ROOT, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const g = parseGuideDir(path.join(DEFAULT_GUIDES_ROOT, name.name), `guides/${name.name}`);
    out.set(g.slug, new Set(g.snapshot.chapters.map((c) => c.slug)));
  }
  return out;
}

describe('academy demo content points at guide chapters that exist', () => {
  const guides = guideChapters();

  it('when every GIFT file in content/academy is read, then each chapter reference names a chapter in content/guides', () => {
    const files = readdirSync(academyRoot).filter((f) => f.endsWith('.gift'));
    expect(files.length).toBeGreaterThan(0);
    const refs = files.flatMap((f) => parseQuizSource(readFileSync(path.join(academyRoot, f), 'utf8'))
      .map((q) => ({ file: f, ref: q.chapterRef })).filter((r): r is { file: string; ref: string } => !!r.ref));
    expect(refs.length).toBeGreaterThan(0);
    const broken = refs.filter(({ ref }) => { const [g, c] = ref.split('/'); return !guides.get(g!)?.has(c!); });
    expect(broken).toEqual([]);
  });

  it('when academy.yml lists the guides of a course, then each guide exists in content/guides', () => {
    const yml = parseYaml(readFileSync(path.join(academyRoot, 'academy.yml'), 'utf8')) as { courses?: { slug: string; guides?: string[] }[] };
    const missing = (yml.courses ?? []).flatMap((c) => (c.guides ?? []).filter((g) => !guides.has(g)).map((g) => `${c.slug}: ${g}`));
    expect(missing).toEqual([]);
  });
});
