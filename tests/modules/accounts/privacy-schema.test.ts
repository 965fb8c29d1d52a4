// Every column that refers to a member must be in the privacy download and be handled by account
// deletion: modules declare them (PraxisModule.userColumns); this test reads the schema and fails
// when a column pointing at users — by foreign key, or named like one without a key — is not declared.
import { describe, expect, it } from '@jest/globals';
import { declaredUserColumns } from '../../../src/modules/personal-data.js';
import { modules } from '../../../src/modules/registry.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';

/** Columns the migrations hold that refer to members (other test files' scratch tables excluded by the naming rules). */
async function memberColumnsInSchema(ds: import('typeorm').DataSource): Promise<string[]> {
  const foreignKeys: { col: string }[] = await ds.query(
    `SELECT c.conrelid::regclass::text || '.' || a.attname AS col
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass`);
  // Named like a reference to a member but without a foreign key, and e-mail addresses.
  const named: { col: string }[] = await ds.query(
    `SELECT c.table_name || '.' || c.column_name AS col
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND ((c.data_type IN ('integer', 'bigint')
              AND c.column_name ~ '(^|_)(user|author|actor|owner|editor|reviewer|creator|recipient|member|uploader|declarer)(_id)?$|_by(_id)?$')
          OR (c.data_type IN ('text', 'character varying') AND c.column_name ~ '(^|_)e?mail$'))`);
  return [...new Set([...foreignKeys, ...named].map((r) => r.col))].sort();
}

describe('privacy: every column that refers to a member is declared, exported and deleted', () => {
  const t = useTestApp();

  it('when the schema is read, then the columns referring to members are exactly those the modules declare', async () => {
    const inSchema = await memberColumnsInSchema(t.ctx.ds);
    const declared = [...declaredUserColumns(modules).keys()].sort();
    expect(inSchema.length).toBeGreaterThan(30);
    expect({ missingFromDeclarations: inSchema.filter((c) => !declared.includes(c)), declaredButNotInSchema: declared.filter((c) => !inSchema.includes(c)) })
      .toEqual({ missingFromDeclarations: [], declaredButNotInSchema: [] });
  });

  it('when a module declares member columns, then it also exports them (in the named section) and handles deletion', async () => {
    const member = await createUser(t.ctx.ds);
    const data = JSON.parse((await (await signedIn(t.app, member)).get('/me/export')).text);
    for (const [column, section] of declaredUserColumns(modules)) {
      const [name, key] = section.split('.') as [string, string];
      expect({ column, present: data[name] !== undefined && key in data[name] }).toEqual({ column, present: true });
    }
    for (const m of modules.filter((x) => x.userColumns)) {
      expect({ module: m.name, export: !!m.exportUserData }).toEqual({ module: m.name, export: true });
    }
    // Modules that keep everything as it is (the audit log) say so in their declaration's comment;
    // every other module holding member columns has a deletion hook.
    const withoutHook = modules.filter((m) => m.userColumns && !m.deleteUserData).map((m) => m.name);
    expect(withoutHook).toEqual(['audit']);
  });
});
