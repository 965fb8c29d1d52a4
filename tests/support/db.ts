// Database assertions: snapshot rows before a refused request and compare after.
import type { DataSource } from 'typeorm';

export async function rows(ds: DataSource, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return ds.query(sql, params);
}

export async function outboxFor(ds: DataSource, to: string): Promise<{ subject: string; text: string }[]> {
  const r = await ds.query(
    `SELECT payload FROM outbox WHERE topic = 'mail.send' AND payload->>'to' = $1 ORDER BY id`, [to]);
  return r.map((x: { payload: { subject: string; text: string } }) => x.payload);
}

export function linkIn(text: string, path: string): string {
  const m = text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}[^\\s]*`));
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return new URL(m[0]).pathname + new URL(m[0]).search;
}

/**
 * The SQL statements the app sends through TypeORM while `work` runs (observed at TypeORM's logger;
 * the database is real). Compare two paths' lists to show they do the same work.
 */
export async function statementsOf(ds: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const logger = ds.logger;
  const original = logger.logQuery;
  const seen: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    seen.push(query);
    return original.call(logger, query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}
