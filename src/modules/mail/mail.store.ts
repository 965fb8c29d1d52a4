// The mail module's SQL: its queued and sent messages are outbox rows (topic mail.send, key mail:<address>).
import { affected, type Db } from '../../db/sql.js';

/** Removes every message to `to` from the outbox, sent or not (the account behind it is being deleted). */
export async function forgetMailTo(db: Db, to: string, topic: string): Promise<void> {
  await affected(db, `DELETE FROM outbox WHERE topic = $1 AND key = $2 AND payload ->> 'to' = $3`, [topic, `mail:${to}`, to]);
}
