// Open data: published public cases as CSV (one row per case, lists joined with "|") and JSON.
// Field names and meanings are documented in docs/usecases.md; keep both in step.
import { markdownToText } from '../../shared/markdown.js';
import { csvDocument } from '../../shared/csv.js';
import type { ExportRow } from './usecases.queries.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';

export const EXPORT_FIELDS = [
  'url', 'slug', 'title', 'summary', 'administration', 'administration_slug', 'ags', 'state', 'size_class', 'department',
  'department_other', 'status', 'policy_areas', 'iap2_level', 'methods', 'start_date', 'end_date', 'formal_basis',
  'council_decision', 'digital_tool', 'format', 'target_groups', 'participant_count', 'budget_band', 'staff_effort_days',
  'language', 'adoption_count', 'verified_at', 'published_at', 'updated_at', 'derived_from',
  ...NARRATIVE_SECTIONS.map((s) => `narrative_${s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`),
] as const;

type Value = string | number | string[] | null;

function record(r: ExportRow, baseUrl: string): Record<string, Value> {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const out: Record<string, Value> = {
    url: `${baseUrl}/use-cases/${r.slug}`, slug: r.slug, title: r.title, summary: r.summary, administration: r.administration,
    administration_slug: r.administrationSlug, ags: r.ags, state: r.state, size_class: r.sizeClass, department: r.department,
    department_other: r.departmentOther || null, status: r.status, policy_areas: r.policyAreas, iap2_level: r.iap2Level,
    methods: r.methods, start_date: r.startDate, end_date: r.endDate, formal_basis: r.formalBasis,
    council_decision: r.councilDecision || null, digital_tool: r.digitalTool, format: r.format, target_groups: r.targetGroups,
    participant_count: r.participantCount, budget_band: r.budgetBand, staff_effort_days: r.staffEffortDays, language: r.language,
    adoption_count: r.adoptionCount, verified_at: iso(r.verifiedAt), published_at: iso(r.publishedAt), updated_at: iso(r.updatedAt),
    derived_from: r.derivedFrom ? `${baseUrl}/use-cases/${r.derivedFrom}` : null,
  };
  for (const s of NARRATIVE_SECTIONS) {
    out[`narrative_${s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`] = r.narrative[s] ?? null;
  }
  return out;
}

export function toJson(rows: ExportRow[], baseUrl: string) {
  return { generatedAt: new Date().toISOString(), licence: 'CC-BY-4.0', count: rows.length, useCases: rows.map((r) => record(r, baseUrl)) };
}

export function toCsv(rows: ExportRow[], baseUrl: string): string {
  return csvDocument([...EXPORT_FIELDS], rows.map((r) => {
    const rec = record(r, baseUrl);
    return EXPORT_FIELDS.map((f) => rec[f] ?? null);
  }));
}

export const narrativeText = (n: Record<string, string>) => NARRATIVE_SECTIONS.map((s) => markdownToText(n[s] ?? '')).filter(Boolean).join(' ');
