// Registrations' SQL. (The registrations part extends this file; deleteRegistrationsOf should
// promote the first person waiting for each place a deleted member held.)
import type { EntityManager } from 'typeorm';
import { affected } from '../../db/sql.js';

export async function deleteRegistrationsOf(db: EntityManager, userId: number): Promise<void> {
  await affected(db, `DELETE FROM event_registrations WHERE user_id = $1`, [userId]);
}
