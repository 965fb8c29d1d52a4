// Runs every module's content sync (guides from content/guides, quizzes from content/academy …)
// and prints what was created, updated, archived and refused.
import type { AppContext, ContentSyncOptions, ContentSyncReport } from './modules/module.js';

export async function syncContent(ctx: AppContext, opts: ContentSyncOptions): Promise<Record<string, ContentSyncReport>> {
  const reports: Record<string, ContentSyncReport> = {};
  for (const m of ctx.modules) if (m.contentSync) reports[m.name] = await m.contentSync(ctx, opts);
  return reports;
}

export function formatReports(reports: Record<string, ContentSyncReport>): string {
  const lines: string[] = [];
  for (const [name, r] of Object.entries(reports)) {
    lines.push(`${name}: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ${r.archived.length} archived, ${r.errors.length} refused`);
    for (const c of r.created) lines.push(`  + ${c}`);
    for (const u of r.updated) lines.push(`  ~ ${u}`);
    for (const a of r.archived) lines.push(`  - ${a}`);
    for (const e of r.errors) lines.push(`  ! ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    for (const n of r.notices ?? []) lines.push(`  i ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}`);
  }
  return lines.join('\n');
}
