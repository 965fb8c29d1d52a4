// Who hears of a newly published use case: members following one of its topics or methods, and
// members of administrations like the case's (similarity score ≥ LIKE_MINE_THRESHOLD, not the
// case's own administration). Not its authors or followers (they got "published" already), not who
// was told about this case before (publishing again, or a retried job, tells nobody twice).
import { rows, type Db } from '../../db/sql.js';
import { similaritySql } from '../administrations/index.js';

/**
 * 0.75 means: the same kind and the same Land with a population within a factor of about 18, or
 * the same kind in another Land within a factor of about 1.6 (see similarity.ts for the formula).
 */
export const LIKE_MINE_THRESHOLD = 0.75;
/** By default at most this many members hear of one case (LIKE_MINE_MAX_RECIPIENTS): followers of its topics first, then the most similar. */
export const ANNOUNCE_MAX_RECIPIENTS = 500;

export interface AnnouncedCase {
  id: number;
  slug: string;
  title: string;
  language: string;
  administrationName: string;
}

export interface AnnounceRecipient {
  userId: number;
  /** 'usecase.followedTopic' when the member follows one of its topics or methods (that wins), else 'usecase.likeMine'. */
  kind: string;
}

export async function publishedCaseToAnnounce(db: Db, useCaseId: number): Promise<AnnouncedCase | null> {
  return (await rows<AnnouncedCase>(db,
    `SELECT uc.id, uc.slug, uc.title, uc.language, a.name AS "administrationName"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.id = $1 AND uc.published`, [useCaseId]))[0] ?? null;
}

export async function announceRecipients(db: Db, useCaseId: number, limit = ANNOUNCE_MAX_RECIPIENTS): Promise<AnnounceRecipient[]> {
  const score = similaritySql('ma', { kind: 'ca.kind', population: 'ca.population', state: 'ca.state' });
  return rows<AnnounceRecipient>(db,
    `WITH c AS (
       SELECT uc.id, uc.administration_id, uc.policy_areas, uc.methods, uc.owner_id, uc.created_by_id FROM use_cases uc WHERE uc.id = $1
     ), candidates AS (
       SELECT u.id AS user_id,
              EXISTS (SELECT 1 FROM use_case_topic_follows tf
                       WHERE tf.user_id = u.id
                         AND ((tf.facet = 'topic' AND tf.key = ANY(c.policy_areas)) OR (tf.facet = 'method' AND tf.key = ANY(c.methods)))) AS followed,
              CASE WHEN ma.id IS NULL OR ma.id = c.administration_id THEN NULL ELSE ${score} END AS score
         FROM c
         CROSS JOIN administrations ca
         JOIN users u ON u.status = 'active'
         LEFT JOIN administrations ma ON ma.id = u.administration_id
        WHERE ca.id = c.administration_id
          AND u.id IS DISTINCT FROM c.owner_id AND u.id IS DISTINCT FROM c.created_by_id
          AND NOT EXISTS (SELECT 1 FROM use_case_editors e WHERE e.use_case_id = c.id AND e.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM use_case_follows f WHERE f.use_case_id = c.id AND f.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.user_id = u.id AND n.subject_type = 'use_case' AND n.subject_id = c.id::text
                             AND n.kind IN ('usecase.likeMine', 'usecase.followedTopic'))
     )
     SELECT user_id AS "userId", CASE WHEN followed THEN 'usecase.followedTopic' ELSE 'usecase.likeMine' END AS kind
       FROM candidates
      WHERE followed OR score >= $2
      ORDER BY followed DESC, score DESC NULLS LAST, user_id
      LIMIT $3`,
    [useCaseId, LIKE_MINE_THRESHOLD, limit]);
}
