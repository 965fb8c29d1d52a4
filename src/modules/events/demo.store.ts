// Writes of the demo loader (content/demo/events.yml): plain inserts, each skipped when its row
// exists, so loading twice changes nothing.
import { one, rows, type Db } from '../../db/sql.js';

export const activeMembers = (db: Db) => rows<{ id: number; handle: string }>(db, `SELECT id, handle FROM users WHERE status = 'active'`);
export const administrationIds = (db: Db) => rows<{ id: number; slug: string }>(db, `SELECT id, slug FROM administrations`);

export const groupIdBySlug = async (db: Db, slug: string) => (await one<{ id: number }>(db, `SELECT id FROM working_groups WHERE slug = $1`, [slug]))?.id ?? null;

export async function insertRegistration(db: Db, eventId: number, userId: number, status: 'registered' | 'waiting', order: number, attended: boolean | null): Promise<void> {
  await db.query(
    `INSERT INTO event_registrations (event_id, user_id, status, waiting_since, attended, created_at)
     VALUES ($1, $2, $3, CASE WHEN $3 = 'waiting' THEN now() - make_interval(mins => 1000 - $4) END, $5, now() - make_interval(mins => 1000 - $4))
     ON CONFLICT (event_id, user_id) DO NOTHING`,
    [eventId, userId, status, order, attended]);
}

export async function insertMinutes(db: Db, eventId: number, source: string, html: string, authorId: number): Promise<void> {
  await db.query(
    `INSERT INTO event_minutes (event_id, body_source, body_html, version, status, updated_by_id) VALUES ($1, $2, $3, 1, 'accepted', $4)
     ON CONFLICT (event_id) DO NOTHING`, [eventId, source, html, authorId]);
  await db.query(
    `INSERT INTO event_minutes_revisions (event_id, version, body_source, author_id) VALUES ($1, 1, $2, $3)
     ON CONFLICT (event_id, version) DO NOTHING`, [eventId, source, authorId]);
}

export async function insertPrevote(db: Db, p: { eventId: number; question: string; proposalsCloseAt: Date; closesAt: Date; votesPerPerson: number; maxPerTopic: number; createdById: number }): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO prevotes (event_id, question, proposals_close_at, closes_at, votes_per_person, max_per_topic, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [p.eventId, p.question, p.proposalsCloseAt, p.closesAt, p.votesPerPerson, p.maxPerTopic, p.createdById]);
  return row!.id;
}

export async function insertTopic(db: Db, prevoteId: number, title: string, description: string, proposerId: number, useCaseIds: number[]): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO prevote_topics (prevote_id, title, description, proposer_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [prevoteId, title, description, proposerId]);
  for (const uc of useCaseIds) await db.query(`INSERT INTO prevote_topic_use_cases (topic_id, use_case_id) VALUES ($1, $2)`, [row!.id, uc]);
  return row!.id;
}

export async function insertVote(db: Db, prevoteId: number, topicId: number, userId: number, dots: number): Promise<void> {
  await db.query(`INSERT INTO prevote_votes (prevote_id, topic_id, user_id, dots) VALUES ($1, $2, $3, $4)`, [prevoteId, topicId, userId, dots]);
}
