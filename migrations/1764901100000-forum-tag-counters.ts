import type { MigrationInterface, QueryRunner } from 'typeorm';

// The tag page (/forum/tags/<name>) grew with the data (issue 19): at 100,000 threads its total
// counted ~3,300 tagged threads through the thread table (41 ms) and its list walked the
// latest-activity index past ~3,400 threads to find 30 with the tag (54 ms). Like the category
// counters (migration 1763700190000), what the page needs is now kept in the same transaction as
// every write, whichever code path or import does it:
// - forum_thread_tags carries a copy of its thread's sort key and visibility facts (category,
//   pinned, last activity, counted = neither merged nor hidden), set from the thread on insert and
//   kept equal by a trigger on forum_threads; an index on (tag, pinned, last activity, thread) gives
//   the tag page its 30 rows in list order;
// - forum_tag_category_counts holds, per tag and category, the counted threads, kept by triggers on
//   forum_thread_tags; the page's total is the sum over the categories the viewer may see.
// The counts follow only the rows of forum_thread_tags (insert, delete, a change of the copied
// category or counted flag), so a thread's deletion (its tags go by cascade), a move, merge, hide or
// unhide all reach them through the copy.
export class ForumTagCounters1764901100000 implements MigrationInterface {
  name = 'ForumTagCounters1764901100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_thread_tags ADD COLUMN category_id integer, ADD COLUMN pinned boolean,
      ADD COLUMN last_activity_at timestamptz, ADD COLUMN counted boolean`);
    await q.query(`UPDATE forum_thread_tags tt SET category_id = t.category_id, pinned = t.pinned_at IS NOT NULL,
        last_activity_at = t.last_activity_at, counted = t.merged_into_id IS NULL AND t.hidden_at IS NULL
      FROM forum_threads t WHERE t.id = tt.thread_id`);
    await q.query(`ALTER TABLE forum_thread_tags ALTER COLUMN category_id SET NOT NULL, ALTER COLUMN pinned SET NOT NULL,
      ALTER COLUMN last_activity_at SET NOT NULL, ALTER COLUMN counted SET NOT NULL`);
    // The tag page's order (pinned first, then latest activity, then newest id), with the category
    // so that threads of categories the viewer may not see are skipped on the index entry.
    await q.query(`CREATE INDEX forum_thread_tags_latest_idx ON forum_thread_tags
      (tag_id, pinned DESC, last_activity_at DESC, thread_id DESC) INCLUDE (category_id)`);

    await q.query(`
      CREATE TABLE forum_tag_category_counts (
        tag_id integer NOT NULL REFERENCES forum_tags(id) ON DELETE CASCADE,
        category_id integer NOT NULL REFERENCES forum_categories(id) ON DELETE CASCADE,
        thread_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tag_id, category_id)
      )`);
    await q.query(`INSERT INTO forum_tag_category_counts (tag_id, category_id, thread_count)
      SELECT tag_id, category_id, count(*) FROM forum_thread_tags WHERE counted GROUP BY tag_id, category_id`);

    // A new tag row takes its thread's values, whatever the writer gave. FOR SHARE: a move, hide or
    // merge of the thread in another transaction waits for this one (and then updates this row too),
    // or this one waits for it and reads the thread as it committed.
    await q.query(`
      CREATE FUNCTION forum_thread_tags_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT t.category_id, t.pinned_at IS NOT NULL, t.last_activity_at, t.merged_into_id IS NULL AND t.hidden_at IS NULL
          INTO NEW.category_id, NEW.pinned, NEW.last_activity_at, NEW.counted
          FROM forum_threads t WHERE t.id = NEW.thread_id FOR SHARE;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER forum_thread_tags_copy BEFORE INSERT OR UPDATE OF thread_id ON forum_thread_tags
      FOR EACH ROW EXECUTE FUNCTION forum_thread_tags_copy()`);

    // Counts: inserts and deletes per statement (a thread's tags, a generator's 200,000 rows and a
    // cascade from a deleted thread each make one grouped change); updates per row, and only those
    // that change the tag, the category or the counted flag (a reply's new activity time does not).
    await q.query(`
      CREATE FUNCTION forum_tag_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO forum_tag_category_counts AS k (tag_id, category_id, thread_count)
        SELECT tag_id, category_id, count(*) FROM inserted WHERE counted GROUP BY tag_id, category_id
        ON CONFLICT (tag_id, category_id) DO UPDATE SET thread_count = k.thread_count + EXCLUDED.thread_count;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forum_thread_tags_counts_insert AFTER INSERT ON forum_thread_tags
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION forum_tag_counts_inserted()`);
    await q.query(`
      CREATE FUNCTION forum_tag_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE forum_tag_category_counts k SET thread_count = k.thread_count - d.n
          FROM (SELECT tag_id, category_id, count(*) AS n FROM deleted WHERE counted GROUP BY tag_id, category_id) d
         WHERE k.tag_id = d.tag_id AND k.category_id = d.category_id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forum_thread_tags_counts_delete AFTER DELETE ON forum_thread_tags
      REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION forum_tag_counts_deleted()`);
    await q.query(`
      CREATE FUNCTION forum_tag_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.counted THEN
          UPDATE forum_tag_category_counts SET thread_count = thread_count - 1
           WHERE tag_id = OLD.tag_id AND category_id = OLD.category_id;
        END IF;
        IF NEW.counted THEN
          INSERT INTO forum_tag_category_counts AS k (tag_id, category_id, thread_count) VALUES (NEW.tag_id, NEW.category_id, 1)
          ON CONFLICT (tag_id, category_id) DO UPDATE SET thread_count = k.thread_count + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forum_thread_tags_counts_update AFTER UPDATE ON forum_thread_tags FOR EACH ROW
      WHEN (OLD.tag_id <> NEW.tag_id OR OLD.category_id <> NEW.category_id OR OLD.counted <> NEW.counted)
      EXECUTE FUNCTION forum_tag_counts_updated()`);

    // The thread's changes that the copy holds: move, merge, hide and unhide, pin and unpin, activity.
    await q.query(`
      CREATE FUNCTION forum_thread_tags_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE forum_thread_tags SET category_id = NEW.category_id, pinned = NEW.pinned_at IS NOT NULL,
               last_activity_at = NEW.last_activity_at, counted = NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
         WHERE thread_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forum_threads_tags_follow AFTER UPDATE OF category_id, merged_into_id, hidden_at, pinned_at, last_activity_at
      ON forum_threads FOR EACH ROW
      WHEN (OLD.category_id <> NEW.category_id OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)
         OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL) OR (OLD.pinned_at IS NULL) <> (NEW.pinned_at IS NULL)
         OR OLD.last_activity_at <> NEW.last_activity_at)
      EXECUTE FUNCTION forum_thread_tags_follow()`);
    // Statistics for the new columns now: without them the planner sorted a tag's every row (25,000
    // buffers, 24 ms at 100,000 threads) instead of reading 30 entries of the new index.
    await q.query(`ANALYZE forum_thread_tags, forum_tag_category_counts`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER forum_threads_tags_follow ON forum_threads`);
    await q.query(`DROP FUNCTION forum_thread_tags_follow()`);
    await q.query(`DROP TRIGGER forum_thread_tags_counts_update ON forum_thread_tags`);
    await q.query(`DROP TRIGGER forum_thread_tags_counts_delete ON forum_thread_tags`);
    await q.query(`DROP TRIGGER forum_thread_tags_counts_insert ON forum_thread_tags`);
    await q.query(`DROP TRIGGER forum_thread_tags_copy ON forum_thread_tags`);
    await q.query(`DROP FUNCTION forum_tag_counts_updated()`);
    await q.query(`DROP FUNCTION forum_tag_counts_deleted()`);
    await q.query(`DROP FUNCTION forum_tag_counts_inserted()`);
    await q.query(`DROP FUNCTION forum_thread_tags_copy()`);
    await q.query(`DROP TABLE forum_tag_category_counts`);
    await q.query(`DROP INDEX forum_thread_tags_latest_idx`);
    await q.query(`ALTER TABLE forum_thread_tags DROP COLUMN category_id, DROP COLUMN pinned, DROP COLUMN last_activity_at, DROP COLUMN counted`);
  }
}
