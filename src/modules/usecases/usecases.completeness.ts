// Completeness of a use case, computed from the fields filled: stub (core incomplete), basic (core
// complete), good (core and at least 60 % of the rest), complete (everything). Pure; shown with
// the list of what is missing so authors know what to add.
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';

export const COMPLETENESS_LEVELS = ['stub', 'basic', 'good', 'complete'] as const;
export type CompletenessLevel = (typeof COMPLETENESS_LEVELS)[number];

export interface CompletenessInput {
  title: string;
  summary: string;
  department: string | null;
  status: string | null;
  policyAreas: string[];
  iap2Level: string | null;
  methods: string[];
  startDate: string | null;
  endDate: string | null;
  formalBasis: string | null;
  digitalTool: string | null;
  format: string | null;
  targetGroups: string[];
  participantCount: number | null;
  budgetBand: string | null;
  staffEffortDays: number | null;
  narrative: Record<string, string | undefined>;
  contactCount: number;
}

export interface Completeness {
  level: CompletenessLevel;
  /** 0–100. */
  percent: number;
  /** Field names (message keys usecases.fields.<name>) still empty, core first. */
  missing: string[];
}

const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && String(v).trim() !== '');

export function completeness(uc: CompletenessInput): Completeness {
  const core: [string, unknown][] = [
    ['title', uc.title], ['summary', uc.summary], ['department', uc.department], ['status', uc.status],
    ['policyAreas', uc.policyAreas], ['iap2Level', uc.iap2Level], ['methods', uc.methods],
  ];
  const finished = uc.status === 'completed' || uc.status === 'stopped';
  const rest: [string, unknown][] = [
    ['startDate', uc.startDate],
    ...(finished ? [['endDate', uc.endDate] as [string, unknown]] : []),
    ['formalBasis', uc.formalBasis], ['digitalTool', uc.digitalTool], ['format', uc.format],
    ['targetGroups', uc.targetGroups], ['participantCount', uc.participantCount], ['budgetBand', uc.budgetBand],
    ['staffEffortDays', uc.staffEffortDays], ['contacts', uc.contactCount > 0 ? 1 : null],
    ...NARRATIVE_SECTIONS.map((s) => [`narrative.${s}`, uc.narrative[s]] as [string, unknown]),
  ];
  const missingCore = core.filter(([, v]) => !filled(v)).map(([k]) => k);
  const missingRest = rest.filter(([, v]) => !filled(v)).map(([k]) => k);
  const all = core.length + rest.length;
  const percent = Math.round((100 * (all - missingCore.length - missingRest.length)) / all);
  const restShare = (rest.length - missingRest.length) / rest.length;
  const level: CompletenessLevel = missingCore.length
    ? 'stub'
    : missingRest.length === 0
      ? 'complete'
      : restShare >= 0.6
        ? 'good'
        : 'basic';
  return { level, percent, missing: [...missingCore, ...missingRest] };
}
