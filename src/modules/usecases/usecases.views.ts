// Plain view objects for the use-case pages: labels translated here, so templates stay simple.
import type { Request } from 'express';
import { completeness } from './usecases.completeness.js';
import { FACETS, facetValues, type Facet, type FacetCounts, type Filter, type CardRow } from './usecases.queries.js';
import type { CaseRow } from './case.queries.js';
import {
  ADOPTION_STATUSES, FORMAL_BASES, FORMATS, IAP2_LEVELS, NARRATIVE_SECTIONS, STATUSES, VISIBILITIES,
  termLabel, termOptions, type TaxonomyList,
} from './usecases.taxonomy.js';
import { LICENCES } from './usecases.schemas.js';
import { formatNumber } from '../../shared/i18n.js';
import type { ListReference, ReferenceChoice } from './usecases.similar.js';
import { ADMINISTRATION_KINDS, SIZE_CLASSES, STATE_CODES, similarityReasonText, type SimilarityRef } from '../administrations/index.js';

const FACET_TAXONOMY: Partial<Record<Facet, TaxonomyList>> = { topic: 'policy-areas', method: 'methods', tool: 'digital-tools', department: 'departments' };

export function facetLabel(req: Request, f: Facet, value: string): string {
  const tax = FACET_TAXONOMY[f];
  if (tax) return termLabel(tax, value, req.lang);
  if (f === 'level') return req.t(`usecases.iap2.${value}`);
  if (f === 'status') return req.t(`usecases.status.${value}`);
  if (f === 'state') return req.t(`states.${value}`);
  return req.t(`sizeClass.${value}`);
}

export function facetsView(req: Request, counts: FacetCounts, filter: Filter) {
  return FACETS.map((f) => {
    const chosen = filter[f] ?? [];
    const options = facetValues(f)
      .map((value) => ({ value, label: facetLabel(req, f, value), count: counts[f][value] ?? 0, checked: chosen.includes(value) }))
      .filter((o) => o.count > 0 || o.checked);
    return { name: f, legend: req.t(`usecases.facets.${f}`), options, open: chosen.length > 0 };
  });
}

export function filterQuery(filter: Filter, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const f of FACETS) for (const v of filter[f] ?? []) q.append(f, v);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

/** The active facet values with links that remove one; `kept` are the other parameters (sort, reference). */
export function activeFilters(req: Request, filter: Filter, kept: Record<string, string>) {
  const out: { label: string; removeHref: string }[] = [];
  for (const f of FACETS) {
    for (const v of filter[f] ?? []) {
      const rest: Filter = { ...filter, [f]: (filter[f] ?? []).filter((x) => x !== v) };
      const q = filterQuery(rest, kept).toString();
      out.push({ label: `${req.t(`usecases.facets.${f}`)}: ${facetLabel(req, f, v)}`, removeHref: q ? `/use-cases?${q}` : '/use-cases' });
    }
  }
  return out;
}

/** A card of the list; with a reference (the "similar" sort) it says why its administration is alike. */
export function cardView(req: Request, r: CardRow, ref?: SimilarityRef) {
  return {
    ...r,
    similarReason: ref ? similarityReasonText(req.lang, ref, { kind: r.administrationKind, population: r.population, state: r.state }) : '',
    statusLabel: req.t(`usecases.status.${r.status}`),
    stateLabel: req.t(`states.${r.state}`),
    sizeLabel: r.sizeClass ? req.t(`sizeClass.${r.sizeClass}`) : '',
    methodLabels: r.methods.map((m) => termLabel('methods', m, req.lang)),
  };
}

/**
 * The reference picker of the "similar" sort and the sentence naming the reference in use
 * ("Sorted by similarity to Stadt X"); `requested` without a reference asks the reader to pick one.
 */
export function similarView(
  req: Request,
  o: {
    requested: string; reference: ListReference | null; choice: ReferenceChoice;
    /** A typed name that named no single administration, with the administrations whose names contain it. */
    unmatched: { suggestions: { slug: string; name: string }[]; name?: string };
    /** The list's filters as a query string, kept by the suggestions' links. */
    filterQuery: string;
  },
) {
  const { reference, choice } = o;
  let sortedBy = '';
  if (reference?.source === 'administration' || reference?.source === 'mine') {
    sortedBy = req.t(`usecases.similar.sortedBy.${reference.source}`, { name: reference.name });
  } else if (reference?.source === 'class') {
    const parts = [
      req.t(`administrations.kind.${reference.kind}`),
      reference.sizeClass ? req.t(`sizeClass.${reference.sizeClass}`) : '',
      reference.ref.state ? req.t(`states.${reference.ref.state}`) : '',
    ].filter(Boolean);
    sortedBy = req.t('usecases.similar.sortedBy.class', { reference: parts.join(' · ') });
  }
  const option = (value: string, label: string, chosen: string | undefined) => ({ value, label, selected: value === chosen });
  return {
    sortedBy,
    needsReference: o.requested === 'similar' && !reference,
    open: o.requested === 'similar',
    // The picker is a text field (a select of every administration grew the page by 60 bytes per
    // administration, 120 KB in a network of 2,000): the chosen one's name, or what was typed.
    likeName: reference?.source === 'administration' ? reference.name : (choice.likeName ?? ''),
    unmatched: o.unmatched.name !== undefined ? {
      name: o.unmatched.name,
      suggestions: o.unmatched.suggestions.map((a) => ({
        name: a.name, href: `/use-cases?${[o.filterQuery, `sort=similar&like=${encodeURIComponent(a.slug)}`].filter(Boolean).join('&')}`,
      })),
    } : null,
    sizeOptions: SIZE_CLASSES.map((v) => option(v, req.t(`sizeClass.${v}`), choice.likeSize)),
    stateOptions: STATE_CODES.map((v) => option(v, req.t(`states.${v}`), choice.likeState))
      .sort((a, b) => a.label.localeCompare(b.label, req.lang)),
    kindOptions: ADMINISTRATION_KINDS.map((v) => option(v, req.t(`administrations.kind.${v}`), choice.likeKind)),
  };
}

const list = (tax: TaxonomyList, keys: string[], req: Request) => keys.map((k) => termLabel(tax, k, req.lang));

/** The facts table of a case: only filled fields, with labels. */
export function factsView(req: Request, uc: CaseRow) {
  const facts: { label: string; value: string }[] = [];
  const add = (key: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') facts.push({ label: req.t(`usecases.fields.${key}`), value: String(value) });
  };
  add('department', [termLabel('departments', uc.department, req.lang), uc.departmentOther].filter(Boolean).join(' – '));
  add('status', req.t(`usecases.status.${uc.status}`));
  add('policyAreas', list('policy-areas', uc.policyAreas, req).join(', '));
  add('iap2Level', req.t(`usecases.iap2.${uc.iap2Level}`));
  add('methods', list('methods', uc.methods, req).join(', '));
  add('startDate', uc.startDate ? new Date(uc.startDate).toLocaleDateString(req.lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC' }) : '');
  add('endDate', uc.endDate ? new Date(uc.endDate).toLocaleDateString(req.lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC' }) : '');
  add('formalBasis', uc.formalBasis ? req.t(`usecases.formalBasis.${uc.formalBasis}`) : '');
  add('councilDecision', uc.councilDecision);
  add('digitalTool', termLabel('digital-tools', uc.digitalTool, req.lang));
  add('format', uc.format ? req.t(`usecases.format.${uc.format}`) : '');
  add('targetGroups', list('target-groups', uc.targetGroups, req).join(', '));
  add('participantCount', uc.participantCount === null ? null : formatNumber(req.lang, uc.participantCount));
  add('budgetBand', termLabel('budget-bands', uc.budgetBand, req.lang));
  add('staffEffortDays', uc.staffEffortDays);
  return facts;
}

/**
 * The report's sections, in the reader's language where a published translation translated them: a
 * section it left out (or the original has that the translation lacks) is the original's, with the
 * original's `lang`. A translated section whose original was emptied since is not shown (nothing to translate).
 */
export function narrativeView(req: Request, uc: CaseRow, translation?: { language: string; narrativeHtml: Record<string, string> } | null) {
  return NARRATIVE_SECTIONS.filter((s) => uc.narrativeHtml[s]).map((s) => {
    const translated = translation?.narrativeHtml[s];
    return {
      id: `section-${s}`,
      heading: req.t(`usecases.narrative.${s}`),
      html: translated || uc.narrativeHtml[s],
      lang: translated ? translation!.language : uc.language,
    };
  });
}

export function completenessView(req: Request, uc: CaseRow, contactCount: number) {
  const c = completeness({ ...uc, narrative: uc.narrative, contactCount });
  return {
    ...c,
    label: req.t(`usecases.completeness.${c.level}`),
    missingLabels: c.missing.map((m) => (m.startsWith('narrative.') ? req.t(`usecases.narrative.${m.slice(10)}`) : req.t(`usecases.fields.${m}`))),
  };
}

/** A unified diff as lines with a kind for colouring (added, removed, context). */
export function diffLines(diff: string) {
  return diff
    .split('\n')
    .filter((l) => !l.startsWith('===') && !l.startsWith('Index:'))
    .map((text) => ({
      text,
      kind: text.startsWith('+++') || text.startsWith('---') || text.startsWith('@@') ? 'meta' : text.startsWith('+') ? 'added' : text.startsWith('-') ? 'removed' : 'context',
    }));
}

export function formOptions(req: Request) {
  const enumOptions = (values: readonly string[], prefix: string) => values.map((value) => ({ value, label: req.t(`${prefix}.${value}`) }));
  return {
    departmentOptions: termOptions('departments', req.lang),
    policyAreaOptions: termOptions('policy-areas', req.lang),
    methodOptions: termOptions('methods', req.lang),
    toolOptions: termOptions('digital-tools', req.lang),
    targetGroupOptions: termOptions('target-groups', req.lang),
    budgetBandOptions: termOptions('budget-bands', req.lang),
    statusOptions: enumOptions(STATUSES, 'usecases.status'),
    iap2Options: IAP2_LEVELS.map((value) => ({ value, label: req.t(`usecases.iap2.${value}`), hint: req.t(`usecases.iap2Hint.${value}`) })),
    formatOptions: enumOptions(FORMATS, 'usecases.format'),
    formalBasisOptions: enumOptions(FORMAL_BASES, 'usecases.formalBasis'),
    visibilityOptions: enumOptions(VISIBILITIES, 'usecases.visibility'),
    languageOptions: [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }],
    adoptionOptions: enumOptions(ADOPTION_STATUSES, 'usecases.adoptionStatus'),
    licenceOptions: LICENCES.map((value) => ({ value, label: req.t(`usecases.licence.${value}`) })),
    narrativeSections: NARRATIVE_SECTIONS.map((name) => ({ name, label: `usecases.narrative.${name}`, hint: `usecases.narrativeHint.${name}` })),
  };
}

