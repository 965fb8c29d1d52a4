// The pre-vote's and the agenda's SQL: the pre-vote with its phases computed by the database clock,
// topics, dots, the ranking, the agenda, and the member's rows for privacy. (The event and the
// viewer's standing are the events' reads, events.queries.ts.)
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';
import { EventAgendaItem, Prevote, PrevoteTopic, type PrevoteProposers, type TopicStatus } from './prevote.entity.js';

// ---- the pre-vote ----

export interface PrevoteRow {
  id: number;
  eventId: number;
  question: string;
  proposalsCloseAt: Date;
  closesAt: Date;
  votesPerPerson: number;
  maxPerTopic: number;
  proposers: PrevoteProposers;
  showInterim: boolean;
  closedAt: Date | null;
  createdById: number | null;
  /** By the database clock: proposals are taken (not closed, before the proposal deadline). */
  proposalsOpen: boolean;
  /** Dots may be given and moved (not closed, before the deadline). */
  votingOpen: boolean;
  /** The deadline has passed but nobody closed it yet (the worker was down). */
  due: boolean;
}

const PREVOTE_COLUMNS = `p.id, p.event_id AS "eventId", p.question, p.proposals_close_at AS "proposalsCloseAt", p.closes_at AS "closesAt",
  p.votes_per_person AS "votesPerPerson", p.max_per_topic AS "maxPerTopic", p.proposers, p.show_interim AS "showInterim",
  p.closed_at AS "closedAt", p.created_by_id AS "createdById",
  (p.closed_at IS NULL AND now() < p.proposals_close_at) AS "proposalsOpen",
  (p.closed_at IS NULL AND now() < p.closes_at) AS "votingOpen",
  (p.closed_at IS NULL AND now() >= p.closes_at) AS "due"`;

export const prevoteOfEvent = (db: Queryable, eventId: number) =>
  one<PrevoteRow>(db, `SELECT ${PREVOTE_COLUMNS} FROM prevotes p WHERE p.event_id = $1`, [eventId]);

export const prevoteById = (db: Queryable, id: number) =>
  one<PrevoteRow>(db, `SELECT ${PREVOTE_COLUMNS} FROM prevotes p WHERE p.id = $1`, [id]);

/**
 * The pre-vote, read under a row lock: FOR SHARE lets voters go side by side but waits for a
 * closing or a settings change (FOR UPDATE), and the other way round.
 */
export const lockPrevote = (db: Db, eventId: number, mode: 'share' | 'update') =>
  one<PrevoteRow>(db, `SELECT ${PREVOTE_COLUMNS} FROM prevotes p WHERE p.event_id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`, [eventId]);

export interface PrevoteSettings {
  question: string;
  proposalsCloseAt: Date;
  closesAt: Date;
  votesPerPerson: number;
  maxPerTopic: number;
  proposers: PrevoteProposers;
  showInterim: boolean;
}

/** Inserts the event's pre-vote; null when it has one already. */
export async function insertPrevote(db: Db, eventId: number, s: PrevoteSettings, createdById: number): Promise<number | null> {
  const r = await db.createQueryBuilder().insert().into(Prevote)
    .values({ eventId, ...s, createdById }).orIgnore().returning('id').execute();
  const id = (r.raw as { id: number }[])[0]?.id;
  return id ?? null;
}

export async function updatePrevote(db: Db, id: number, s: PrevoteSettings): Promise<void> {
  await db.update(Prevote, { id }, { ...s, updatedAt: () => 'now()' });
}

/** Closes the pre-vote when its deadline has passed; true for the one call that closed it. */
export async function closeIfDue(db: Db, prevoteId: number): Promise<boolean> {
  return (await affected(db,
    `UPDATE prevotes SET closed_at = now(), updated_at = now() WHERE id = $1 AND closed_at IS NULL AND closes_at <= now()`, [prevoteId])) > 0;
}

/** Seconds until the deadline (0 when past). */
export async function secondsUntilClose(db: Db, prevoteId: number): Promise<number> {
  const r = await one<{ s: number }>(db, `SELECT GREATEST(0, ceil(extract(epoch FROM closes_at - now())))::int AS s FROM prevotes WHERE id = $1`, [prevoteId]);
  return r?.s ?? 0;
}

/** Pre-votes past their deadline and not closed (housekeeping's safety net). */
export const duePrevoteIds = async (db: Queryable) =>
  (await rows<{ id: number }>(db, `SELECT id FROM prevotes WHERE closed_at IS NULL AND closes_at <= now() ORDER BY id LIMIT 100`)).map((r) => r.id);

// ---- topics ----

export interface TopicRow {
  id: number;
  title: string;
  description: string;
  status: TopicStatus;
  rejectReason: string;
  mergedIntoId: number | null;
  mergedIntoTitle: string | null;
  proposerId: number | null;
  proposerName: string | null;
  proposerHandle: string | null;
  administration: string | null;
  createdAt: Date;
  useCases: { id: number; slug: string; title: string; language: string }[];
}

/** Every topic of the pre-vote with its proposer and the use cases the viewer may see. */
export const topicsOf = (db: Queryable, prevoteId: number, signedIn: boolean) => rows<TopicRow>(db,
  `SELECT t.id, t.title, t.description, t.status, t.reject_reason AS "rejectReason", t.merged_into_id AS "mergedIntoId",
          m.title AS "mergedIntoTitle", t.proposer_id AS "proposerId", u.name AS "proposerName", u.handle AS "proposerHandle",
          a.name AS administration, t.created_at AS "createdAt",
          COALESCE((SELECT json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title, 'language', c.language) ORDER BY c.title)
                      FROM prevote_topic_use_cases tc JOIN use_cases c ON c.id = tc.use_case_id
                     WHERE tc.topic_id = t.id AND c.published AND (c.visibility = 'public' OR $2)), '[]') AS "useCases"
     FROM prevote_topics t
     LEFT JOIN prevote_topics m ON m.id = t.merged_into_id
     LEFT JOIN users u ON u.id = t.proposer_id
     LEFT JOIN administrations a ON a.id = u.administration_id
    WHERE t.prevote_id = $1
    ORDER BY t.created_at, t.id`, [prevoteId, signedIn]);

export const topicOf = (db: Queryable, prevoteId: number, topicId: number) => one<{ id: number; title: string; description: string; status: TopicStatus; proposerId: number | null }>(db,
  `SELECT id, title, description, status, proposer_id AS "proposerId" FROM prevote_topics WHERE id = $1 AND prevote_id = $2`, [topicId, prevoteId]);

/** Locks the pre-vote's open topics (FOR SHARE for a vote, FOR UPDATE for a merge or rejection); returns their ids. */
export async function lockOpenTopics(db: Db, prevoteId: number, mode: 'share' | 'update', ids?: number[]): Promise<number[]> {
  const list = await rows<{ id: number }>(db,
    `SELECT id FROM prevote_topics WHERE prevote_id = $1 AND status = 'proposed' ${ids ? 'AND id = ANY($2::int[])' : ''}
      ORDER BY id FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`, ids ? [prevoteId, ids] : [prevoteId]);
  return list.map((r) => r.id);
}

export async function insertTopic(db: Db, prevoteId: number, t: { title: string; description: string }, proposerId: number): Promise<number> {
  const r = await db.insert(PrevoteTopic, { prevoteId, title: t.title, description: t.description, proposerId });
  return (r.identifiers[0] as { id: number }).id;
}

/** Of `ids`, the published use cases the member may link: ones they may edit or of their administration. */
export async function linkableUseCaseIds(db: Queryable, userId: number, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  return (await rows<{ id: number }>(db,
    `SELECT c.id FROM use_cases c
      WHERE c.id = ANY($2::int[]) AND c.published
        AND (c.created_by_id = $1 OR c.owner_id = $1
             OR c.administration_id = (SELECT administration_id FROM users WHERE id = $1)
             OR EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = c.id AND e.user_id = $1))`, [userId, ids])).map((r) => r.id);
}

/** The published use cases the member may link to a topic (the choices on the proposal form). */
export const linkableUseCases = (db: Queryable, userId: number) => rows<{ id: number; title: string; language: string }>(db,
  `SELECT c.id, c.title, c.language FROM use_cases c
    WHERE c.published
      AND (c.created_by_id = $1 OR c.owner_id = $1
           OR c.administration_id = (SELECT administration_id FROM users WHERE id = $1)
           OR EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = c.id AND e.user_id = $1))
    ORDER BY c.title LIMIT 200`, [userId]);

export async function linkUseCases(db: Db, topicId: number, useCaseIds: number[]): Promise<void> {
  if (!useCaseIds.length) return;
  await rows(db, `INSERT INTO prevote_topic_use_cases (topic_id, use_case_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [topicId, useCaseIds]);
}

export async function rejectTopic(db: Db, topicId: number, reason: string): Promise<number> {
  const freed = await one<{ dots: number }>(db,
    `WITH gone AS (DELETE FROM prevote_votes WHERE topic_id = $1 RETURNING dots) SELECT COALESCE(sum(dots), 0)::int AS dots FROM gone`, [topicId]);
  await db.update(PrevoteTopic, { id: topicId }, { status: 'rejected', rejectReason: reason });
  return freed?.dots ?? 0;
}

/**
 * Moves the dots on `fromId` to `intoId`. Nobody ends up with more than `maxPerTopic` dots on the
 * merged topic: what would exceed the cap is dropped (and given back to the member's allowance).
 */
export async function mergeTopic(db: Db, prevoteId: number, fromId: number, intoId: number, maxPerTopic: number): Promise<{ moved: number; dropped: number; voters: number }> {
  const r = await one<{ moved: number; dropped: number; voters: number }>(db,
    `WITH src AS (DELETE FROM prevote_votes WHERE topic_id = $2 RETURNING user_id, dots),
          combined AS (
            SELECT s.user_id, s.dots AS add, COALESCE(v.dots, 0) AS had,
                   LEAST($4::int, COALESCE(v.dots, 0) + s.dots) AS total
              FROM src s LEFT JOIN prevote_votes v ON v.topic_id = $3 AND v.user_id = s.user_id),
          written AS (
            INSERT INTO prevote_votes (prevote_id, topic_id, user_id, dots, updated_at)
            SELECT $1, $3, user_id, total, now() FROM combined WHERE total > had
            ON CONFLICT (topic_id, user_id) DO UPDATE SET dots = EXCLUDED.dots, updated_at = now()
            RETURNING user_id)
     SELECT COALESCE(sum(total - had), 0)::int AS moved, COALESCE(sum(add - (total - had)), 0)::int AS dropped,
            count(*)::int AS voters, (SELECT count(*) FROM written)::int AS written
       FROM combined`, [prevoteId, fromId, intoId, maxPerTopic]);
  await rows(db,
    `INSERT INTO prevote_topic_use_cases (topic_id, use_case_id) SELECT $2, use_case_id FROM prevote_topic_use_cases WHERE topic_id = $1
     ON CONFLICT DO NOTHING`, [fromId, intoId]);
  await affected(db, `UPDATE prevote_topics SET merged_into_id = $2 WHERE merged_into_id = $1`, [fromId, intoId]);
  await db.update(PrevoteTopic, { id: fromId }, { status: 'merged', mergedIntoId: intoId });
  return { moved: r?.moved ?? 0, dropped: r?.dropped ?? 0, voters: r?.voters ?? 0 };
}

// ---- dots ----

/** The member's dots per topic (their own only). */
export async function votesOf(db: Queryable, prevoteId: number, userId: number): Promise<Map<number, number>> {
  const list = await rows<{ topicId: number; dots: number }>(db,
    `SELECT topic_id AS "topicId", dots FROM prevote_votes WHERE prevote_id = $1 AND user_id = $2`, [prevoteId, userId]);
  return new Map(list.map((v) => [v.topicId, v.dots]));
}

/** One member's vote submissions, one at a time (two tabs): a transaction-scoped advisory lock on (pre-vote, member). */
export async function lockMemberVotes(db: Db, prevoteId: number, userId: number): Promise<void> {
  await rows(db, `SELECT pg_advisory_xact_lock(hashtextextended('prevote-votes:' || $1::text || ':' || $2::text, 0))`, [prevoteId, userId]);
}

/** Replaces the member's dots with `allocation` (topic id → dots; zero or missing: none). */
export async function replaceVotes(db: Db, prevoteId: number, userId: number, allocation: Map<number, number>): Promise<void> {
  const entries = [...allocation].filter(([, d]) => d > 0);
  await affected(db, `DELETE FROM prevote_votes WHERE prevote_id = $1 AND user_id = $2 AND NOT (topic_id = ANY($3::int[]))`,
    [prevoteId, userId, entries.map(([t]) => t)]);
  if (!entries.length) return;
  await rows(db,
    `INSERT INTO prevote_votes (prevote_id, topic_id, user_id, dots)
     SELECT $1, t, $2, d FROM unnest($3::int[], $4::int[]) AS x(t, d)
     ON CONFLICT (topic_id, user_id) DO UPDATE SET dots = EXCLUDED.dots, updated_at = now()
       WHERE prevote_votes.dots <> EXCLUDED.dots`,
    [prevoteId, userId, entries.map(([t]) => t), entries.map(([, d]) => d)]);
}

export interface RankRow {
  id: number;
  title: string;
  dots: number;
  voters: number;
}

/** Open topics by dots (then voters, then age): the ranking. Totals only, never who gave them. */
export const rankingOf = (db: Queryable, prevoteId: number) => rows<RankRow>(db,
  `SELECT t.id, t.title, COALESCE(sum(v.dots), 0)::int AS dots, count(v.user_id)::int AS voters
     FROM prevote_topics t LEFT JOIN prevote_votes v ON v.topic_id = t.id
    WHERE t.prevote_id = $1 AND t.status = 'proposed'
    GROUP BY t.id ORDER BY dots DESC, voters DESC, t.created_at, t.id`, [prevoteId]);

export const voterCount = async (db: Queryable, prevoteId: number) =>
  (await one<{ n: number }>(db, `SELECT count(DISTINCT user_id)::int AS n FROM prevote_votes WHERE prevote_id = $1`, [prevoteId]))?.n ?? 0;

/** Who to tell when the vote closes: proposers and voters with an active account. */
export const closeRecipients = (db: Queryable, prevoteId: number) => rows<{ id: number; email: string; language: 'de' | 'en' }>(db,
  `SELECT u.id, u.email, u.language FROM users u
    WHERE u.status = 'active'
      AND (u.id IN (SELECT proposer_id FROM prevote_topics WHERE prevote_id = $1)
           OR u.id IN (SELECT user_id FROM prevote_votes WHERE prevote_id = $1))
    ORDER BY u.id`, [prevoteId]);

export const recipient = (db: Queryable, userId: number) =>
  one<{ id: number; email: string; language: 'de' | 'en' }>(db, `SELECT id, email, language FROM users WHERE id = $1 AND status = 'active'`, [userId]);

// ---- the agenda ----

export interface AgendaItemRow {
  id: number;
  position: number;
  title: string;
  description: string;
  startsAt: Date | null;
  durationMinutes: number | null;
  endsAt: Date | null;
  topicId: number | null;
  presenters: { id: number; name: string; handle: string; administration: string | null }[];
  useCases: { id: number; slug: string; title: string; language: string }[];
}

/**
 * The event's agenda in order, with presenters and linked use cases (only published ones the viewer
 * may see: network-only ones for signed-in viewers).
 */
export const agendaOf = (db: Queryable, eventId: number, signedIn = true) => rows<AgendaItemRow>(db,
  `SELECT i.id, i.position, i.title, i.description, i.starts_at AS "startsAt", i.duration_minutes AS "durationMinutes",
          i.starts_at + make_interval(mins => i.duration_minutes) AS "endsAt", i.topic_id AS "topicId",
          COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'handle', u.handle, 'administration', a.name) ORDER BY u.name)
                      FROM event_agenda_presenters p JOIN users u ON u.id = p.user_id
                      LEFT JOIN administrations a ON a.id = u.administration_id
                     WHERE p.item_id = i.id AND u.status = 'active'), '[]') AS presenters,
          COALESCE((SELECT json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title, 'language', c.language) ORDER BY c.title)
                      FROM event_agenda_use_cases x JOIN use_cases c ON c.id = x.use_case_id
                     WHERE x.item_id = i.id AND c.published AND (c.visibility = 'public' OR $2)), '[]') AS "useCases"
     FROM event_agenda_items i WHERE i.event_id = $1
    ORDER BY i.position, i.id`, [eventId, signedIn]);

export const agendaItemOf = (db: Queryable, eventId: number, itemId: number) =>
  one<{ id: number; position: number }>(db, `SELECT id, position FROM event_agenda_items WHERE id = $1 AND event_id = $2`, [itemId, eventId]);

export interface AgendaItemInput {
  title: string;
  description: string;
  startsAt: Date | null;
  durationMinutes: number | null;
}

/** Appends an item to the event's agenda (after locking the agenda's items, so two appends keep distinct positions). */
export async function insertAgendaItem(db: Db, eventId: number, input: AgendaItemInput, topicId: number | null): Promise<number> {
  await rows(db, `SELECT id FROM event_agenda_items WHERE event_id = $1 FOR UPDATE`, [eventId]);
  const next = await one<{ p: number }>(db, `SELECT COALESCE(max(position), 0) + 1 AS p FROM event_agenda_items WHERE event_id = $1`, [eventId]);
  const r = await db.insert(EventAgendaItem, { eventId, position: next!.p, ...input, topicId });
  return (r.identifiers[0] as { id: number }).id;
}

export async function updateAgendaItem(db: Db, itemId: number, input: AgendaItemInput): Promise<void> {
  await db.update(EventAgendaItem, { id: itemId }, { ...input, updatedAt: () => 'now()' });
}

export const deleteAgendaItem = (db: Db, itemId: number) => affected(db, `DELETE FROM event_agenda_items WHERE id = $1`, [itemId]);

/** Swaps the item with its neighbour above (-1) or below (+1); false at either end. */
export async function moveAgendaItem(db: Db, eventId: number, itemId: number, direction: -1 | 1): Promise<boolean> {
  const list = await rows<{ id: number; position: number }>(db,
    `SELECT id, position FROM event_agenda_items WHERE event_id = $1 ORDER BY position, id FOR UPDATE`, [eventId]);
  const i = list.findIndex((x) => x.id === itemId);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= list.length) return false;
  // Renumber in order with the two swapped, so equal positions cannot make the move a no-op.
  [list[i], list[j]] = [list[j]!, list[i]!];
  await rows(db,
    `UPDATE event_agenda_items i SET position = x.p, updated_at = now() FROM unnest($1::int[], $2::int[]) AS x(id, p) WHERE i.id = x.id`,
    [list.map((x) => x.id), list.map((_, n) => n + 1)]);
  return true;
}

/** The topic's proposer and the proposers of the topics merged into it: the presenters an agenda item starts with. */
export const topicProposerIds = async (db: Queryable, topicId: number) => (await rows<{ id: number }>(db,
  `SELECT DISTINCT proposer_id AS id FROM prevote_topics
    WHERE (id = $1 OR merged_into_id = $1) AND proposer_id IS NOT NULL ORDER BY 1`, [topicId])).map((r) => r.id);

export const topicUseCaseIds = async (db: Queryable, topicId: number) => (await rows<{ id: number }>(db,
  `SELECT use_case_id AS id FROM prevote_topic_use_cases WHERE topic_id = $1 ORDER BY 1`, [topicId])).map((r) => r.id);

export async function setPresenters(db: Db, itemId: number, userIds: number[]): Promise<void> {
  await affected(db, `DELETE FROM event_agenda_presenters WHERE item_id = $1 AND NOT (user_id = ANY($2::int[]))`, [itemId, userIds]);
  await rows(db, `INSERT INTO event_agenda_presenters (item_id, user_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [itemId, userIds]);
}

export async function setAgendaUseCases(db: Db, itemId: number, useCaseIds: number[]): Promise<void> {
  await affected(db, `DELETE FROM event_agenda_use_cases WHERE item_id = $1 AND NOT (use_case_id = ANY($2::int[]))`, [itemId, useCaseIds]);
  await rows(db, `INSERT INTO event_agenda_use_cases (item_id, use_case_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [itemId, useCaseIds]);
}

export const presenterIdsOf = async (db: Queryable, itemId: number) =>
  (await rows<{ id: number }>(db, `SELECT user_id AS id FROM event_agenda_presenters WHERE item_id = $1`, [itemId])).map((r) => r.id);

export const agendaUseCaseIdsOf = async (db: Queryable, itemId: number) =>
  (await rows<{ id: number }>(db, `SELECT use_case_id AS id FROM event_agenda_use_cases WHERE item_id = $1`, [itemId])).map((r) => r.id);

/** Active members found by handle (for adding a presenter). */
export const activeUserByHandle = (db: Queryable, handle: string) =>
  one<{ id: number }>(db, `SELECT id FROM users WHERE lower(handle) = lower($1) AND status = 'active'`, [handle]);

// ---- privacy ----

export const topicsProposedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, t.title, t.description, t.status, t.reject_reason AS "rejectReason", t.created_at AS "createdAt"
     FROM prevote_topics t JOIN prevotes p ON p.id = t.prevote_id JOIN events e ON e.id = p.event_id
    WHERE t.proposer_id = $1 ORDER BY t.id`, [userId]);

export const votesGivenBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, t.title AS topic, v.dots, v.updated_at AS "updatedAt"
     FROM prevote_votes v JOIN prevote_topics t ON t.id = v.topic_id JOIN prevotes p ON p.id = v.prevote_id JOIN events e ON e.id = p.event_id
    WHERE v.user_id = $1 ORDER BY e.id, t.id`, [userId]);

export const prevotesCreatedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, p.question, p.created_at AS "createdAt" FROM prevotes p JOIN events e ON e.id = p.event_id
    WHERE p.created_by_id = $1 ORDER BY p.id`, [userId]);

export const agendaItemsPresentedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT e.title AS event, i.title, i.starts_at AS "startsAt"
     FROM event_agenda_presenters x JOIN event_agenda_items i ON i.id = x.item_id JOIN events e ON e.id = i.event_id
    WHERE x.user_id = $1 ORDER BY e.id, i.position`, [userId]);

/** A deleted member's dots go; their proposals stay as a former member's, or go with removed contributions. */
export async function forgetPrevoteMember(db: Queryable, userId: number, removeContributions: boolean): Promise<void> {
  await affected(db, `DELETE FROM prevote_votes WHERE user_id = $1`, [userId]);
  await affected(db, `DELETE FROM event_agenda_presenters WHERE user_id = $1`, [userId]);
  await affected(db, `UPDATE prevotes SET created_by_id = NULL WHERE created_by_id = $1`, [userId]);
  if (removeContributions) await affected(db, `DELETE FROM prevote_topics WHERE proposer_id = $1`, [userId]);
  else await affected(db, `UPDATE prevote_topics SET proposer_id = NULL WHERE proposer_id = $1`, [userId]);
}

/** The most any member gave in total and on one topic (a settings change may not go below them). */
export const givenMaxima = async (db: Queryable, prevoteId: number) => (await one<{ total: number; dots: number }>(db,
  `SELECT COALESCE(max(total), 0)::int AS total, COALESCE(max(top), 0)::int AS dots
     FROM (SELECT sum(dots) AS total, max(dots) AS top FROM prevote_votes WHERE prevote_id = $1 GROUP BY user_id) x`, [prevoteId]))!;
