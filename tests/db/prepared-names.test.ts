// Named statements (src/db/prepared.ts): PostgreSQL keeps the first text it saw under a name per
// connection, so a name reused with another text fails only when both texts meet on one pooled
// connection — rarely in a test, surely in production. This reads the sources instead: every
// preparedQuery call names its statement in place, a literal name appears at one call site only,
// and a name built from a template (one text per variant) is one of the reviewed ones below.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(process.cwd(), 'src');

/**
 * Template names, each checked by hand: within a variant every interpolation of the text is
 * constant, so one name stands for one text. Add a new one here only after that check.
 */
const REVIEWED_TEMPLATES = [
  'forum-category-by-${key}',
  "forum-threads-${filter.view}-${first ? 'first' : 'paged'}",
  'media-videos-of-${kind}',
  'usecases-administration-adoptions-${reader}',
  'usecases-administration-cases-${reader}',
  'usecases-facet-counts-all-${reader}',
  'usecases-facet-counts-one-${ownFacet}-${reader}',
];

interface CallSite { name: string; template: boolean; at: string }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** A call: preparedQuery, optional type arguments, the Queryable, then the name as a '…' or `…` literal. */
const CALL = /preparedQuery(?:<[^(]*?>)?\(\s*[\w.]+\s*,\s*(?:'([^'\\]+)'|`([^`\\]+)`)/g;
/** Any call at all (not the import, not the definition). */
const ANY_CALL = /preparedQuery(?:<[^(]*?>)?\(/g;

function callSites(files: { path: string; text: string }[]): { sites: CallSite[]; unnamed: string[] } {
  const sites: CallSite[] = [];
  const unnamed: string[] = [];
  for (const { path, text } of files) {
    const lineOf = (index: number) => `${path}:${text.slice(0, index).split('\n').length}`;
    const named = new Set<number>();
    for (const m of text.matchAll(CALL)) {
      named.add(m.index);
      sites.push({ name: m[1] ?? m[2]!, template: m[2] !== undefined && m[2].includes('${'), at: lineOf(m.index) });
    }
    for (const m of text.matchAll(ANY_CALL)) {
      if (text.slice(Math.max(0, m.index - 16), m.index).includes('function ')) continue; // the definition
      if (!named.has(m.index)) unnamed.push(lineOf(m.index));
    }
  }
  return { sites, unnamed };
}

/** Names used at more than one call site (a template counts by its text, a literal by its value). */
function duplicates(sites: CallSite[]): string[] {
  const byName = new Map<string, string[]>();
  for (const s of sites) byName.set(s.name, [...(byName.get(s.name) ?? []), s.at]);
  const repeated = [...byName].filter(([, at]) => at.length > 1).map(([name, at]) => `${name}: ${at.join(', ')}`);
  // A literal that a template could also produce (its fixed part before the first interpolation).
  const prefixes = sites.filter((s) => s.template).map((s) => ({ prefix: s.name.slice(0, s.name.indexOf('${')), s }));
  for (const lit of sites.filter((s) => !s.template)) {
    for (const { prefix, s } of prefixes) if (lit.name.startsWith(prefix)) repeated.push(`${lit.name} (${lit.at}) may equal ${s.name} (${s.at})`);
  }
  return repeated;
}

describe('named statements', () => {
  const files = sourceFiles(SRC).map((path) => ({ path: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }));
  const { sites, unnamed } = callSites(files);

  it('when the sources are read, then every preparedQuery call names its statement in place', () => {
    expect(sites.length).toBeGreaterThan(30);
    expect(unnamed).toEqual([]);
  });

  it('when the names are compared, then no name is used at two call sites', () => {
    expect(duplicates(sites)).toEqual([]);
  });

  it('when a name is built from a template, then it is one of the reviewed ones', () => {
    expect(sites.filter((s) => s.template).map((s) => s.name).sort()).toEqual([...REVIEWED_TEMPLATES].sort());
  });

  it('when a name appears at two call sites, or a literal falls within a template, then the check reports it', () => {
    const twice = callSites([
      { path: 'a.ts', text: `await preparedQuery<{ n: number }>(db, 'x-one', 'SELECT 1', []);` },
      { path: 'b.ts', text: `await preparedQuery(ds, 'x-one', 'SELECT 2', []);\nawait preparedQuery(ds, \`x-two-\${v}\`, 'SELECT 3', []);` },
      { path: 'c.ts', text: `await preparedQuery(ds, 'x-two-a', 'SELECT 4', []);\nawait preparedQuery(ds, name, 'SELECT 5', []);` },
    ]);
    expect(duplicates(twice.sites)).toEqual(['x-one: a.ts:1, b.ts:1', 'x-two-a (c.ts:1) may equal x-two-${v} (b.ts:2)']);
    expect(twice.unnamed).toEqual(['c.ts:2']);
  });
});
