// Factories for use cases: a case with its core filled, published or draft, for any administration;
// a public case with its author and a further editor, signed in or not.
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { signedIn, type Browser } from './agent.js';
import { createAdministration, createUser, uniq, type TestAdministration, type TestUser } from './factories.js';
import { taxonomy } from '../../src/modules/usecases/usecases.taxonomy.js';

/**
 * A department of this test file alone: a new entry in the taxonomy in memory (as a facilitator adds
 * one to content/taxonomy/departments.yml). Test files share the database and write use cases at the
 * same time; cases in this department, and lists filtered by it, are this file's alone, so their
 * counts are exact whatever the others write.
 */
export function ownDepartment(): string {
  const key = uniq('test-dept-');
  taxonomy().departments.push({ key, de: `Testamt ${key}`, en: `Test office ${key}` });
  return key;
}

export interface TestUseCase {
  id: number;
  slug: string;
  administrationId: number;
  createdById: number;
}

export async function createUseCase(
  ds: DataSource,
  o: Partial<{
    administrationId: number; createdById: number; published: boolean; visibility: 'public' | 'network'; title: string;
    policyAreas: string[]; methods: string[]; status: string; iap2Level: string; digitalTool: string | null; department: string;
    nextReviewAt: string | null;
  }> = {},
): Promise<TestUseCase> {
  const administrationId = o.administrationId ?? (await createAdministration(ds)).id;
  const createdById = o.createdById ?? (await createUser(ds, { administrationId })).id;
  const slug = uniq('uc-');
  const [row] = await ds.query(
    `INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                            digital_tool, created_by_id, owner_id, published, published_at, visibility, next_review_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, CASE WHEN $12 THEN now() END, $13, $14) RETURNING id`,
    [slug, o.title ?? `Bürgerhaushalt ${slug}`, 'Eine kurze Beschreibung des Beispiels für Tests.', administrationId,
      o.department ?? 'finance', o.status ?? 'completed', o.policyAreas ?? ['budget'], o.iap2Level ?? 'consult',
      o.methods ?? ['participatory-budget'], o.digitalTool ?? null, createdById, o.published ?? true, o.visibility ?? 'network',
      o.nextReviewAt ?? null],
  );
  return { id: row.id, slug, administrationId, createdById };
}

/** Makes `userId` a further editor of the case, added by its author. */
export async function addCaseEditor(ds: DataSource, uc: TestUseCase, userId: number): Promise<void> {
  await ds.query(`INSERT INTO use_case_editors (use_case_id, user_id, added_by_id) VALUES ($1, $2, $3)`, [uc.id, userId, uc.createdById]);
}

export interface TestCaseWithEditor {
  adm: TestAdministration;
  uc: TestUseCase;
  author: TestUser;
  editor: TestUser;
}

/** A public case by `author`, with `editor` (a member, `o.editor` for their settings) as a further editor, both of the case's administration. */
export async function createCaseWithEditor(
  ds: DataSource,
  o: { editor?: Partial<{ language: string; name: string }> } = {},
): Promise<TestCaseWithEditor> {
  const adm = await createAdministration(ds);
  const author = await createUser(ds, { administrationId: adm.id });
  const editor = await createUser(ds, { ...o.editor, administrationId: adm.id });
  const uc = await createUseCase(ds, { administrationId: adm.id, createdById: author.id, visibility: 'public' });
  await addCaseEditor(ds, uc, editor.id);
  return { adm, uc, author, editor };
}

/** createCaseWithEditor, with the author and the editor signed in. */
export async function caseWithEditorSignedIn(
  app: Express,
  ds: DataSource,
): Promise<TestCaseWithEditor & { authorB: Browser; editorB: Browser }> {
  const team = await createCaseWithEditor(ds);
  return { ...team, authorB: await signedIn(app, team.author), editorB: await signedIn(app, team.editor) };
}

/** The rows a refused request must leave untouched. */
export async function caseState(ds: DataSource, id: number): Promise<unknown> {
  const [uc] = await ds.query(`SELECT to_jsonb(u) - 'updated_at' AS row FROM use_cases u WHERE id = $1`, [id]);
  const counts = await ds.query(
    `SELECT (SELECT count(*) FROM use_case_editors WHERE use_case_id = $1)::int AS editors,
            (SELECT count(*) FROM use_case_contacts WHERE use_case_id = $1)::int AS contacts,
            (SELECT count(*) FROM use_case_revisions WHERE use_case_id = $1)::int AS revisions,
            (SELECT count(*) FROM use_case_comments WHERE use_case_id = $1)::int AS comments,
            (SELECT count(*) FROM use_case_adoptions WHERE use_case_id = $1)::int AS adoptions,
            (SELECT count(*) FROM use_case_attachments WHERE use_case_id = $1)::int AS attachments,
            (SELECT count(*) FROM use_case_follows WHERE use_case_id = $1)::int AS follows,
            (SELECT count(*) FROM use_cases WHERE derived_from_id = $1)::int AS derived`,
    [id],
  );
  return { uc: uc?.row ?? null, ...counts[0] };
}

export const CORE = {
  title: 'Bürgerbudget für Stadtteile',
  summary: 'Jeder Stadtteil erhält ein eigenes Budget, über das die Einwohner abstimmen.',
  department: 'finance',
  departmentOther: '',
  status: 'running',
  policyAreas: ['budget', 'democracy'],
  iap2Level: 'empower',
  methods: ['participatory-budget', 'pre-vote'],
};
