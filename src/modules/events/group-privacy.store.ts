// The working groups' results about one member, for the privacy download and account deletion.
import { affected, rows, type Queryable } from '../../db/sql.js';

export const publicationsWrittenBy = (db: Queryable, userId: number) => rows(db,
  `SELECT g.name AS "group", p.title, p.status, p.created_at AS "createdAt", p.updated_at AS "updatedAt"
     FROM group_publications p JOIN working_groups g ON g.id = p.group_id WHERE p.author_id = $1 ORDER BY p.id`, [userId]);

export const publicationsReviewedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT g.name AS "group", p.title, p.status, p.review_comment AS "reviewComment", p.updated_at AS "updatedAt"
     FROM group_publications p JOIN working_groups g ON g.id = p.group_id WHERE p.reviewed_by_id = $1 ORDER BY p.id`, [userId]);

export const revisionsWrittenBy = (db: Queryable, userId: number) => rows(db,
  `SELECT p.title AS publication, r.version, r.title, r.body_source AS "bodySource", r.created_at AS "createdAt"
     FROM group_publication_revisions r JOIN group_publications p ON p.id = r.publication_id WHERE r.author_id = $1 ORDER BY r.id`, [userId]);

export const useCasesLinkedBy = (db: Queryable, userId: number) => rows(db,
  `SELECT g.name AS "group", uc.title AS "useCase", l.created_at AS "createdAt"
     FROM group_use_cases l JOIN working_groups g ON g.id = l.group_id JOIN use_cases uc ON uc.id = l.use_case_id
    WHERE l.added_by_id = $1 ORDER BY l.created_at`, [userId]);

/** Drafts nobody else has worked on go with their author when they asked for their contributions to be removed. */
export const deleteOwnDrafts = (db: Queryable, userId: number) => affected(db,
  `DELETE FROM group_publications p WHERE p.author_id = $1 AND p.status <> 'published'
      AND NOT EXISTS (SELECT 1 FROM group_publication_revisions r WHERE r.publication_id = p.id AND r.author_id IS DISTINCT FROM $1)`, [userId]);

/** The results stay with the group; who wrote, reviewed or linked them is not kept. */
export async function forgetResultsAuthorship(db: Queryable, userId: number): Promise<void> {
  await affected(db, `UPDATE group_publications SET author_id = NULL WHERE author_id = $1`, [userId]);
  await affected(db, `UPDATE group_publications SET reviewed_by_id = NULL WHERE reviewed_by_id = $1`, [userId]);
  await affected(db, `UPDATE group_publication_revisions SET author_id = NULL WHERE author_id = $1`, [userId]);
  await affected(db, `UPDATE group_use_cases SET added_by_id = NULL WHERE added_by_id = $1`, [userId]);
}
