// ★ "We want this too": an administration declares it adopts a use case (interested → planning →
// implemented → stopped). An implemented adoption can start a new case pre-filled from the
// original, linked both ways (derived_from on the new case, derived_use_case on the adoption).
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import type { CoreInput } from './usecases.schemas.js';
import * as adoptions from './adoptions.store.js';
import { loadCase } from './case.queries.js';
import { insertUseCase, notifyFollowers } from './usecases.service.js';
import { addFollow, caseIdBySlug, lockCase } from './usecases.store.js';
import { trackUseCaseActivity } from './usecases.activity.js';

export async function declareAdoption(ctx: AppContext, actor: UcActor | undefined, slug: string, status: string, note: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    // Locked: publishing or moving the case changes what the adoption counts for (its activity facts).
    const uc = await lockCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canAdopt(actor, uc)) throw forbidden();
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id, adoptingAdministrationId: actor!.administrationId });
    await adoptions.upsertAdoption(db, { useCaseId: uc.id, administrationId: actor!.administrationId, status, note, declaredById: actor!.id });
    await publishActivity();
    await addFollow(db, uc.id, actor!.id);
    // The notification names the adopting administration and what it declared.
    const adopter = await adoptions.administrationName(db, actor!.administrationId);
    const kind = status === 'implemented' ? 'usecase.implemented' : status === 'stopped' ? 'usecase.adoptionStopped' : 'usecase.adopted';
    await notifyFollowers(db, uc.id, actor!.id, kind, uc.title, `/use-cases/${uc.slug}#adoptions`, { administration: adopter });
    await queueSearchIndex(db, 'use_case', uc.id);
  });
}

export async function withdrawAdoption(ctx: AppContext, actor: UcActor | undefined, slug: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await lockCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canAdopt(actor, uc)) throw forbidden();
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id, adoptingAdministrationId: actor!.administrationId });
    await adoptions.deleteAdoption(db, uc.id, actor!.administrationId);
    await publishActivity();
    await queueSearchIndex(db, 'use_case', uc.id);
  });
}

/** Creates the derived draft for the actor's administration; returns its slug. */
export async function deriveUseCase(ctx: AppContext, actor: UcActor | undefined, slug: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const original = await loadCase(db, slug);
    if (!original || !policy.canView(actor, original)) throw notFound();
    if (!policy.canAdopt(actor, original)) throw forbidden();
    const adoption = await adoptions.lockAdoption(db, original.id, actor!.administrationId);
    if (!adoption || adoption.status !== 'implemented') throw conflict('usecases.adoptions.notImplemented');
    if (adoption.derivedId) throw conflict('usecases.adoptions.alreadyDerived');
    // What transfers: the core and the plan; the story of the new place is still to be written.
    const narrative = Object.fromEntries(
      Object.entries(original.narrative).filter(([k, v]) => v && ['goal', 'process', 'transferability'].includes(k)));
    const newSlug = await insertUseCase(db, actor, {
      title: original.title,
      summary: original.summary,
      administrationId: null,
      department: original.department,
      departmentOther: original.departmentOther,
      status: 'planned',
      policyAreas: original.policyAreas,
      iap2Level: original.iap2Level as CoreInput['iap2Level'],
      methods: original.methods,
    }, { derivedFromId: original.id, narrative });
    await adoptions.linkDerivedCase(db, adoption.id, await caseIdBySlug(db, newSlug));
    return newSlug;
  });
}
