// The visitors' home page figure: administrations in the network.
import type { DataSource } from 'typeorm';
import { one, type Db } from '../../db/sql.js';

/** Administrations with at least one active member (the directory may list many more without anyone). */
export async function administrationsWithMembers(db: DataSource | Db): Promise<number> {
  const r = await one<{ n: string }>(db,
    `SELECT count(*) AS n FROM administrations a WHERE EXISTS (SELECT 1 FROM users u WHERE u.administration_id = a.id AND u.status = 'active')`);
  return Number(r?.n ?? 0);
}
