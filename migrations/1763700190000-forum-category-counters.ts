import type { MigrationInterface, QueryRunner } from 'typeorm';

// The forum overview's per-category counts (threads; open questions) were a GROUP BY over all
// threads on every request: about 45 ms of PostgreSQL time per view at 100,000 threads. They are
// now counters on the category, kept by a trigger on forum_threads in the same transaction as every
// write that changes them (new thread, move, merge, hide and unhide, accepting or unaccepting an
// answer, a change of kind, deletion) — whichever code path or import does the write.
// A thread counts when it is not merged and not hidden; an open question also has no accepted answer.
export class ForumCategoryCounters1763700190000 implements MigrationInterface {
  name = 'ForumCategoryCounters1763700190000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_categories ADD COLUMN thread_count integer NOT NULL DEFAULT 0,
      ADD COLUMN unanswered_count integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION forum_category_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL THEN
          UPDATE forum_categories SET thread_count = thread_count - 1,
                 unanswered_count = unanswered_count - (OLD.kind = 'question' AND OLD.accepted_reply_id IS NULL)::int
           WHERE id = OLD.category_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL THEN
          UPDATE forum_categories SET thread_count = thread_count + 1,
                 unanswered_count = unanswered_count + (NEW.kind = 'question' AND NEW.accepted_reply_id IS NULL)::int
           WHERE id = NEW.category_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forum_threads_category_counts AFTER INSERT OR DELETE ON forum_threads
      FOR EACH ROW EXECUTE FUNCTION forum_category_counts()`);
    // Only updates that change what is counted touch the category row (a reply's last_activity_at
    // or reply_count update does not).
    await q.query(`CREATE TRIGGER forum_threads_category_counts_update AFTER UPDATE OF category_id, merged_into_id, hidden_at, kind, accepted_reply_id
      ON forum_threads FOR EACH ROW
      WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
         OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at OR OLD.kind IS DISTINCT FROM NEW.kind
         OR OLD.accepted_reply_id IS DISTINCT FROM NEW.accepted_reply_id)
      EXECUTE FUNCTION forum_category_counts()`);
    await q.query(`
      UPDATE forum_categories c SET thread_count = n.threads, unanswered_count = n.unanswered
        FROM (SELECT category_id, count(*) AS threads,
                     count(*) FILTER (WHERE kind = 'question' AND accepted_reply_id IS NULL) AS unanswered
                FROM forum_threads WHERE merged_into_id IS NULL AND hidden_at IS NULL GROUP BY category_id) n
       WHERE n.category_id = c.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER forum_threads_category_counts_update ON forum_threads`);
    await q.query(`DROP TRIGGER forum_threads_category_counts ON forum_threads`);
    await q.query(`DROP FUNCTION forum_category_counts()`);
    await q.query(`ALTER TABLE forum_categories DROP COLUMN thread_count, DROP COLUMN unanswered_count`);
  }
}
