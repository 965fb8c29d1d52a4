// A member's data across modules (GDPR Art. 15, 17, 20): each module declares the columns of its
// tables that refer to members (`userColumns`), lists their rows for the download
// (`exportUserData`) and erases or removes them when the account is deleted (`deleteUserData`).
// The accounts module calls these; the registry is imported lazily because accounts is in it.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from './module.js';

const registry = () => import('./registry.js');

/** Everything stored about the member, one section per module (in registry order). */
export async function exportPersonalData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const { modules } = await registry();
  const data: Record<string, unknown> = { exportedAt: new Date().toISOString() };
  for (const m of modules) if (m.exportUserData) data[m.name] = await m.exportUserData(ds, userId);
  return data;
}

/** Runs every module's deletion hook in the caller's transaction, in registry order. */
export async function erasePersonalData(db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  const { modules } = await registry();
  for (const m of modules) await m.deleteUserData?.(db, member, contributions);
}

/** The declared member columns: `table.column` → `module.section` of the export. */
export async function declaredUserColumns(): Promise<Map<string, string>> {
  const { modules } = await registry();
  const out = new Map<string, string>();
  for (const m of modules) {
    for (const [column, section] of Object.entries(m.userColumns ?? {})) {
      if (out.has(column)) throw new Error(`${column} is declared by two modules`);
      out.set(column, `${m.name}.${section}`);
    }
  }
  return out;
}
