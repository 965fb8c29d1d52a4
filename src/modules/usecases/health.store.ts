// The SQL of the use cases' content health (usecases.health.ts).
import { one, rows, type Db } from '../../db/sql.js';

/** Seconds until the published case counts as due (the day after next_review_at), or null without a date. */
export async function secondsUntilDue(db: Db, useCaseId: number): Promise<number | null> {
  const row = await one<{ seconds: number }>(db,
    `SELECT greatest(0, ceil(extract(epoch FROM ((next_review_at + 1)::timestamptz - now()))))::int AS seconds
       FROM use_cases WHERE id = $1 AND published AND next_review_at IS NOT NULL`, [useCaseId]);
  return row ? row.seconds : null;
}

/** Marks every published case past its review date and not yet reminded about that date as reminded; returns them with who to tell. */
export async function markDueCasesReminded(db: Db): Promise<{ id: number; slug: string; title: string; language: string; ownerId: number | null }[]> {
  return rows(db,
    `UPDATE use_cases SET reminded_for = next_review_at
      WHERE published AND next_review_at < current_date AND reminded_for IS DISTINCT FROM next_review_at
      RETURNING id, slug, title, language, coalesce(owner_id, created_by_id) AS "ownerId"`);
}
