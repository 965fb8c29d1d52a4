// A member's data across modules (GDPR Art. 15, 17, 20): each module declares the columns of its
// tables that refer to members (`userColumns`), lists their rows for the download
// (`exportUserData`) and erases or removes them when the account is deleted (`deleteUserData`).
// The accounts module calls these with the module list of its context.
import type { EntityManager } from 'typeorm';
import type { AppContext, ContributionsChoice, FormerMember, PraxisModule } from './module.js';

/** Everything stored about the member, one section per module (in registry order). */
export async function exportPersonalData(ctx: AppContext, userId: number): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = { exportedAt: new Date().toISOString() };
  for (const m of ctx.modules) if (m.exportUserData) data[m.name] = await m.exportUserData(ctx.ds, userId);
  return data;
}

/** Runs every module's deletion hook in the caller's transaction, in registry order. */
export async function erasePersonalData(modules: readonly PraxisModule[], db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  for (const m of modules) await m.deleteUserData?.(db, member, contributions);
}

/** The declared member columns: `table.column` → `module.section` of the export. */
export function declaredUserColumns(modules: readonly PraxisModule[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of modules) {
    for (const [column, section] of Object.entries(m.userColumns ?? {})) {
      if (out.has(column)) throw new Error(`${column} is declared by two modules`);
      out.set(column, `${m.name}.${section}`);
    }
  }
  return out;
}
