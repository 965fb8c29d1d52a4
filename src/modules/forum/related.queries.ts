// "Passend dazu" on a guide page: threads sharing a tag with the guide. Forum tags may carry umlauts
// ("bürgerhaushalt") where guide tags are transliterated ("buergerhaushalt"), so both are compared
// transliterated. Bounded: at most 20 newest threads per tag (index order), then the five newest.
// Threads of restricted (members-only) categories are never listed: a guide page is read by
// everyone, and the hook knows only whether the reader is signed in, not their groups.
import { rows } from '../../db/sql.js';
import type { RelatedFinder, RelatedItem } from '../module.js';

export const relatedThreads: RelatedFinder = async (ds, guide, viewer) => {
  if (!guide.tags.length) return [];
  return rows<RelatedItem>(ds,
    `SELECT 'thread' AS kind, t.title, t.language, '/forum/threads/' || t.id || '-' || t.slug AS url
       FROM (SELECT DISTINCT x.id FROM forum_tags g
               CROSS JOIN LATERAL (
                 SELECT th.id FROM forum_thread_tags tt
                   JOIN forum_threads th ON th.id = tt.thread_id
                   JOIN forum_categories c ON c.id = th.category_id
                  WHERE tt.tag_id = g.id AND th.merged_into_id IS NULL AND th.hidden_at IS NULL AND NOT c.restricted AND (c.is_public OR $2)
                  ORDER BY tt.thread_id DESC LIMIT 20) x
              WHERE replace(replace(replace(replace(g.name, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss') = ANY($1::text[])) ids
       JOIN forum_threads t ON t.id = ids.id
      ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 5`, [guide.tags, viewer.signedIn]);
};
