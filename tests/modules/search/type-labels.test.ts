import { describe, expect, it } from '@jest/globals';
import { modules } from '../../../src/modules/registry.js';
import { hasKey } from '../../../src/shared/i18n.js';

describe('search: the type facet', () => {
  it('when a module offers a search source, then its type has a label in German and English (groups and their results included)', () => {
    const types = modules.flatMap((m) => Object.keys(m.searchSources ?? {}));
    expect(types).toEqual(expect.arrayContaining(['use_case', 'group', 'group_result']));
    for (const lang of ['de', 'en'] as const) expect(types.filter((type) => !hasKey(lang, `search.types.${type}`))).toEqual([]);
  });
});
