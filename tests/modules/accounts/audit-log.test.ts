import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inTransaction } from '../../../src/db/transaction.js';
import { recordAudit } from '../../../src/modules/audit/index.js';
import { catalogueKeys, hasKey } from '../../../src/shared/i18n.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
});

/** Every action code the source records: literals exactly, template literals as a prefix ("forum.thread."). */
function recordedActions(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of filesUnder(path.join(process.cwd(), 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/recordAudit\(db, \{[^}]*?action: ([^,]+(?:\?[^,]+)?),/g)) {
      const expr = call[1]!;
      for (const lit of expr.matchAll(/'([a-z_0-9]+(?:\.[a-zA-Z_0-9]+)+)'/g)) exact.add(lit[1]!);
      const tpl = /`([a-z_.]+)\$\{/.exec(expr);
      if (tpl) prefixes.add(tpl[1]!);
    }
  }
  return { exact, prefixes };
}

describe('audit log: readable entries', () => {
  const t = useTestApp();

  it('when the source records an audit action, then it has a label in German and English', () => {
    const { exact, prefixes } = recordedActions();
    expect(exact.size).toBeGreaterThan(25);
    expect([...prefixes]).toEqual(expect.arrayContaining(['forum.thread.', 'academy.course.', 'academy.quiz.']));
    for (const lang of ['de', 'en'] as const) {
      expect([...exact].filter((a) => !hasKey(lang, `admin.audit.actions.${a}`))).toEqual([]);
      for (const p of prefixes) expect(catalogueKeys(lang).some((k) => k.startsWith(`admin.audit.actions.${p}`))).toBe(true);
    }
  });

  it('when an admin reads the log, then actions, subjects and details are labels and values, not codes and JSON', async () => {
    const totpSecret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret });
    await inTransaction(t.ctx.ds, async (db) => {
      await recordAudit(db, { actorId: admin.id, action: 'forum.thread.move', subjectType: 'forum_thread', subjectId: 987654, details: { from: 3, to: 5 } });
      await recordAudit(db, { actorId: admin.id, action: 'forum.category.create', subjectType: 'forum_category', subjectId: 987655, details: { name: 'Recht', isPublic: true, position: 10 } });
      await recordAudit(db, { actorId: admin.id, action: 'academy.quiz.update', subjectType: 'academy_quiz', subjectId: 987656, details: { refusedLines: [4, 17], skippedLines: [] } });
      await recordAudit(db, { actorId: admin.id, action: 'some.future.action', subjectType: 'something_new', subjectId: 987657, details: { odd: { nested: 'x' } } });
    });
    const b = await signedIn(t.app, { ...admin, totpSecret });
    const page = await b.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Thema verschoben');
    expect(page.text).toContain('Thema Nr. 987654');
    expect(page.text).toContain('Von: 3');
    expect(page.text).toContain('Kategorie angelegt');
    expect(page.text).toContain('Öffentlich: ja');
    expect(page.text).toContain('Abgelehnte Fragen (Zeilen): 4, 17');
    expect(page.text).toContain('Übersprungene Fragen (Zeilen): —');
    expect(page.text).toContain('Forumskategorie Nr. 987655');
    // An action nobody has labelled yet still shows, by its code, without JSON.
    expect(page.text).toContain('some.future.action');
    expect(page.text).toContain('odd: nested: x');
    expect(page.text).not.toMatch(/\{&quot;|\{"/);
    await t.ctx.ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [admin.id]);
    const en = await b.get('/admin/audit');
    expect(en.text).toContain('Thread moved');
    expect(en.text).toContain('Thread no. 987654');
  });
});
