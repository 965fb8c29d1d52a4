// The use cases' activity facts (src/shared/activity.ts), for each author of a case (who created it
// and its editors): the case published, verified by a facilitator, and declared implemented by
// another administration. The services track what holds around each write (trackUseCaseActivity)
// and publish the difference; activityHistory lists what holds today for the recognition backfill.
import type { DataSource } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { activityFact, type ActivityEvent } from '../../shared/activity.js';
import { trackActivity } from '../../shared/activity-changes.js';
import { COMPETENCE_DEFAULTS, competencesOf } from '../../shared/competences.js';
import { implementedAdoptions, publishedCases, type ImplementedRow, type PublishedCaseRow } from './activity.store.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

function events(cases: PublishedCaseRow[], adoptions: ImplementedRow[], o: { withDates: boolean; adoptionsOnly: boolean }): ActivityEvent[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const list: ActivityEvent[] = [];
  const base = (c: PublishedCaseRow) => ({
    holds: true, item: { type: 'use_case', id: c.id, title: c.title, url: `/use-cases/${c.slug}` },
    competences: competencesOf(c.keys, COMPETENCE_DEFAULTS.usecases),
  });
  if (!o.adoptionsOnly) {
    for (const c of cases) {
      for (const author of c.authorIds) {
        list.push({ ...base(c), kind: 'usecase.published', fact: activityFact('usecase.published', c.id, author), beneficiaryId: author, actorId: null,
          at: o.withDates ? iso(c.publishedAt) : undefined });
        if (c.verifiedAt) {
          list.push({ ...base(c), kind: 'usecase.verified', fact: activityFact('usecase.verified', c.id, author), beneficiaryId: author, actorId: c.verifiedById,
            at: o.withDates ? iso(c.verifiedAt) : undefined });
        }
      }
    }
  }
  for (const a of adoptions) {
    const c = byId.get(a.useCaseId);
    if (!c) continue;
    for (const author of c.authorIds) {
      list.push({ ...base(c), kind: 'usecase.implemented', fact: activityFact('usecase.implemented', c.id, a.administrationId, author),
        beneficiaryId: author, actorId: a.declaredById, at: o.withDates ? iso(a.at) : undefined });
    }
  }
  return list;
}

export interface UseCaseActivityScope {
  useCaseId: number;
  /** Only the adoption of this administration changes (declaring or withdrawing it). */
  adoptingAdministrationId?: number | null;
}

async function holding(db: Queryable, s: UseCaseActivityScope): Promise<ActivityEvent[]> {
  const adoptionsOnly = s.adoptingAdministrationId !== undefined;
  if (adoptionsOnly && s.adoptingAdministrationId === null) return [];
  const cases = await publishedCases(db, s.useCaseId);
  if (!cases.length) return [];
  return events(cases, await implementedAdoptions(db, s.useCaseId, s.adoptingAdministrationId ?? null), { withDates: false, adoptionsOnly });
}

/** Call before a write, holding the case's lock; the returned function, called after it, publishes what changed. */
export function trackUseCaseActivity(db: Queryable, scope: UseCaseActivityScope): Promise<() => Promise<void>> {
  return trackActivity(db, () => holding(db, scope));
}

/** Every use-case fact that holds today, with when it began (the recognition backfill). */
export async function usecasesActivityHistory(ds: DataSource): Promise<ActivityEvent[]> {
  return events(await publishedCases(ds, null), await implementedAdoptions(ds, null), { withDates: true, adoptionsOnly: false });
}
