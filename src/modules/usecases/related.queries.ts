// "Passend dazu" on a guide page: published use cases whose policy areas or methods are among the
// guide's tags (taxonomy keys such as participatory-budget). Newest first, five at most.
import { rows } from '../../db/sql.js';
import type { RelatedFinder, RelatedItem } from '../module.js';

export const relatedUseCases: RelatedFinder = async (ds, guide, viewer) => {
  if (!guide.tags.length) return [];
  return rows<RelatedItem>(ds,
    `SELECT 'use_case' AS kind, title, language, '/use-cases/' || slug AS url FROM use_cases
      WHERE published AND (visibility = 'public' OR $2) AND (policy_areas && $1::text[] OR methods && $1::text[])
      ORDER BY published_at DESC, id DESC LIMIT 5`, [guide.tags, viewer.signedIn]);
};
