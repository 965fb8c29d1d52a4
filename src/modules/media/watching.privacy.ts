// Watching progress in the privacy download (each video with the tenths played, as numbers 0–9,
// and when and how it counted as watched) and at account deletion (deleted, in both variants).
import type { Queryable } from '../../db/sql.js';
import { TENTHS } from './watching.model.js';
import { deleteProgressOf, progressOfMember } from './watching.store.js';

export async function watchingOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  return (await progressOfMember(db, userId)).map(({ tenths, ...row }) => ({
    ...row, tenthsPlayed: Array.from({ length: TENTHS }, (_, i) => i).filter((i) => (Number(tenths) & (1 << i)) !== 0),
  }));
}

export const forgetWatching = (db: Queryable, userId: number) => deleteProgressOf(db, userId);
