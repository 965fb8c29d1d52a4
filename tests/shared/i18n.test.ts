import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { USER_STATUSES, ROLES } from '../../src/shared/identity.js';
import { ADMINISTRATION_KINDS, SIZE_CLASSES, STATE_CODES } from '../../src/modules/administrations/index.js';
import { projectRoot } from '../../src/paths.js';
import { catalogueKeys, translate, hasKey } from '../../src/shared/i18n.js';

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

const de = new Set(catalogueKeys('de'));
const en = new Set(catalogueKeys('en'));
const missingFrom = (keys: Iterable<string>) => [...new Set(keys)].filter((k) => !de.has(k) || !en.has(k)).sort();

/** Keys written literally in the views: {{t "…"}}, (t "…"), {{tp "…" n}} and label="…"/hint="…" of partials. */
function viewKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of filesUnder(path.join(projectRoot, 'views'), '.hbs')) {
    const text = readFileSync(file, 'utf8').replace(/\{\{!--[\s\S]*?--\}\}/g, '').replace(/\{\{![\s\S]*?\}\}/g, '');
    const where = path.relative(projectRoot, file);
    for (const m of text.matchAll(/[{(]t\s+"([^"]+)"/g)) found.set(m[1]!, where);
    for (const m of text.matchAll(/[{(]tp\s+"([^"]+)"/g)) {
      found.set(`${m[1]}.one`, where);
      found.set(`${m[1]}.other`, where);
    }
    for (const partial of text.matchAll(/\{\{>\s*[^}]*\}\}/g)) {
      for (const m of partial[0].matchAll(/\b(?:label|hint)="([^"]+)"/g)) found.set(m[1]!, where);
    }
  }
  return found;
}

/** Keys written literally in src/: any whole string literal in a catalogue namespace, and mail templates. */
function sourceKeys(): Map<string, string> {
  const namespaces = new Set([...de].map((k) => k.split('.')[0]!));
  const notKeys = new Set(['mail.send']); // the e-mail outbox topic, not a message
  const found = new Map<string, string>();
  for (const file of filesUnder(path.join(projectRoot, 'src'), '.ts')) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(projectRoot, file);
    for (const m of text.matchAll(/['"`]([a-zA-Z]+(?:\.[\w-]+)+)['"`]/g)) {
      const key = m[1]!;
      // Only strings in a message position: t(…), translate(lang, …), flash(kind, …), the error
      // helpers, a field-message object, or the last argument of a call (zod checks). Other dotted
      // strings (notification kinds, outbox topics, SQL columns) are not messages.
      const before = text.slice(Math.max(0, m.index! - 40), m.index!);
      const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 1);
      const inMessagePosition =
        /(\bt\(|\.t\(|translate\(\w+,\s*|flash\('\w+',\s*|\b(?:invalid|conflict|forbidden|notFound|tooMany)\(|message:\s*)$/.test(before) ||
        (/(?<!\b(?:kind|key|topic|action|subjectType|type)):\s*$/.test(before) && /\w+:\s*$/.test(before)) ||
        (/(?:\.(?:min|max|length|regex|refine|literal|enum|email|url|int|positive|nonnegative)|\bz\.\w+)\([^()]*,\s*$/.test(before) && after === ')');
      if (!inMessagePosition) continue;
      // A string that prefixes existing keys is a key namespace handed to a helper (e.g. option labels).
      const isPrefix = [...de].some((k) => k.startsWith(`${key}.`));
      if (namespaces.has(key.split('.')[0]!) && !notKeys.has(key) && !isPrefix && !/\.(js|ts|json|hbs|css|yml)$/.test(key)) found.set(key, where);
    }
    for (const m of text.matchAll(/queueMail\([^,]+,[^,]+,[^,]+,\s*'(\w+)'/g)) {
      found.set(`mail.${m[1]}.subject`, where);
      found.set(`mail.${m[1]}.body`, where);
    }
  }
  return found;
}

describe('message catalogues', () => {
  it('when German and English are compared, then they have exactly the same keys', () => {
    expect([...de].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !de.has(k))).toEqual([]);
    expect(de.size).toBeGreaterThan(100);
  });

  it('when a message has {placeholders}, then both languages use the same ones, and no message is empty', () => {
    const placeholders = (lang: 'de' | 'en', key: string) => [...translate(lang, key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = [...de].filter((k) => JSON.stringify(placeholders('de', k)) !== JSON.stringify(placeholders('en', k)));
    expect(differing).toEqual([]);
    expect([...de].filter((k) => translate('de', k).trim() === '' || translate('en', k).trim() === '')).toEqual([]);
  });

  it('when views use a key literally, then it exists in both languages', () => {
    const keys = viewKeys();
    expect(keys.size).toBeGreaterThan(100);
    expect(missingFrom(keys.keys()).map((k) => `${k} (${keys.get(k)})`)).toEqual([]);
  });

  it('when the code uses a key literally, then it exists in both languages', () => {
    const keys = sourceKeys();
    expect(keys.has('accounts.login.failed')).toBe(true);
    expect(keys.has('mail.confirm.subject')).toBe(true);
    expect(missingFrom(keys.keys()).map((k) => `${k} (${keys.get(k)})`)).toEqual([]);
  });

  it('when keys are built from a fixed list (roles, statuses, states, size classes, kinds, sign-in refusals), then each exists', () => {
    const built = [
      ...ROLES.map((r) => `roles.${r}`),
      ...USER_STATUSES.map((s) => `admin.users.statuses.${s}`),
      ...STATE_CODES.map((s) => `states.${s}`),
      ...SIZE_CLASSES.map((s) => `sizeClass.${s}`),
      ...ADMINISTRATION_KINDS.map((k) => `administrations.kind.${k}`),
      ...['unconfirmed', 'pending', 'rejected'].map((k) => `accounts.login.${k}`),
      ...[400, 401, 403, 404, 429, 500].map((s) => `errors.${s}.explain`),
    ];
    expect(missingFrom(built)).toEqual([]);
    expect(hasKey('de', 'roles.admin')).toBe(true);
  });
});
