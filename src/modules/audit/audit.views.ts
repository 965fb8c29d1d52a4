// The audit log as people read it: each action and subject type by its label, the details as
// "label: value" pairs instead of JSON. An action without a label (a new one) shows its code.
import { hasKey, type Lang } from '../../shared/i18n.js';
import type { AuditRow } from './audit.queries.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

export interface AuditEntryView extends AuditRow {
  actionLabel: string;
  subjectLabel: string;
  detailList: { label: string; value: string }[];
}

function valueText(t: T, lang: Lang, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('admin.audit.values.none');
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(t, lang, x)).join(', ') : t('admin.audit.values.none');
  if (typeof v === 'boolean') return t(`admin.audit.values.${v}`);
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${valueText(t, lang, x)}`).join('; ');
  }
  const s = String(v);
  if (hasKey(lang, `admin.audit.values.${s}`)) return t(`admin.audit.values.${s}`);
  if (hasKey(lang, `roles.${s}`)) return t(`roles.${s}`);
  return s;
}

export function auditEntryView(t: T, lang: Lang, e: AuditRow): AuditEntryView {
  const label = (group: string, code: string) => (hasKey(lang, `admin.audit.${group}.${code}`) ? t(`admin.audit.${group}.${code}`) : code);
  return {
    ...e,
    actionLabel: label('actions', e.action),
    subjectLabel: t('admin.audit.subjectRef', { subject: label('subjects', e.subjectType), id: e.subjectId }),
    detailList: Object.entries(e.details ?? {}).map(([k, v]) => ({ label: label('details', k), value: valueText(t, lang, v) })),
  };
}
