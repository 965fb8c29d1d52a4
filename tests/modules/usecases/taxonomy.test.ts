import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentDir } from '../../../src/paths.js';
import { loadTaxonomy, parseTaxonomyList, TAXONOMY_LISTS, TaxonomyError } from '../../../src/modules/usecases/usecases.taxonomy.js';

describe('use-case taxonomy (content/taxonomy/*.yml)', () => {
  it('when the shipped lists are loaded, then every list has entries with German and English labels', () => {
    const tax = loadTaxonomy();
    for (const name of TAXONOMY_LISTS) {
      expect(tax[name].length).toBeGreaterThan(3);
      for (const term of tax[name]) {
        expect(term.de.length).toBeGreaterThan(0);
        expect(term.en.length).toBeGreaterThan(0);
      }
    }
    expect(tax.methods.map((m) => m.key)).toEqual(expect.arrayContaining(['participatory-budget', 'citizens-assembly', 'pre-vote']));
    expect(tax['digital-tools'].map((m) => m.key)).toEqual(expect.arrayContaining(['consul', 'decidim', 'adhocracy', 'dipas', 'go-vocal', 'own', 'none']));
  });

  it('when a facilitator adds a term to a file, then it is loaded without a code change', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'praxis-tax-'));
    for (const name of TAXONOMY_LISTS) {
      writeFileSync(path.join(dir, `${name}.yml`), readFileSync(path.join(contentDir, 'taxonomy', `${name}.yml`), 'utf8'));
    }
    writeFileSync(path.join(dir, 'methods.yml'), `${readFileSync(path.join(dir, 'methods.yml'), 'utf8')}- { key: world-cafe, de: World Café, en: World café }\n`);
    expect(loadTaxonomy(dir).methods.find((m) => m.key === 'world-cafe')).toEqual({ key: 'world-cafe', de: 'World Café', en: 'World café' });
  });

  it('when a list has a duplicate key, a bad key or a missing label, then loading stops with the file and entry named', () => {
    expect(() => parseTaxonomyList('methods.yml', '- { key: a, de: A, en: A }\n- { key: a, de: B, en: B }')).toThrow(/methods.yml, entry 2: duplicate key "a"/);
    expect(() => parseTaxonomyList('methods.yml', '- { key: "Groß", de: A, en: A }')).toThrow(TaxonomyError);
    expect(() => parseTaxonomyList('methods.yml', '- { key: a, de: A }')).toThrow(/entry 1: en: label missing|entry 1/);
    expect(() => parseTaxonomyList('methods.yml', 'key: a')).toThrow(/expected a list/);
  });
});
