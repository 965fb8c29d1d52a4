// The Kompetenzpass as plain view objects: the member's facts grouped by competence area in the
// taxonomy's order (an item in two areas appears in both; empty areas are left out), and the
// badges and micro-degrees in a block of their own.
import { competenceAreas, competenceLabel } from '../../shared/competences.js';
import type { Lang } from '../../shared/i18n.js';
import type { PassAssertion, PassFact } from './pass.queries.js';

/** The label key (recognition.pass.kinds.<key>) of each kind the pass shows. */
const KIND_KEYS: Record<string, string> = {
  'academy.certificate': 'certificate',
  'usecase.published': 'useCase',
  'forum.answer_accepted': 'acceptedAnswer',
  'guide.chapter_published': 'guideChapter',
  'event.attended': 'eventAttended',
  'event.talk_given': 'talkGiven',
  'prevote.topic_on_agenda': 'prevoteTopic',
  badge: 'badge',
  microdegree: 'microdegree',
};

type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface PassItemView {
  title: string;
  url: string;
  kindLabel: string;
  date: Date;
}

export interface PassAreaView {
  key: string;
  label: string;
  items: PassItemView[];
}

const kindLabel = (t: Translate, kind: string) => t(`recognition.pass.kinds.${KIND_KEYS[kind] ?? 'other'}`);

export function passAreas(facts: PassFact[], lang: Lang, t: Translate): PassAreaView[] {
  const item = (f: PassFact): PassItemView => ({ title: f.title || kindLabel(t, f.kind), url: f.url, kindLabel: kindLabel(t, f.kind), date: f.beganAt });
  const known = new Set(competenceAreas().map((a) => a.key));
  const areas = competenceAreas()
    .map((a) => ({ key: a.key, label: competenceLabel(a.key, lang), items: facts.filter((f) => f.competences.includes(a.key)).map(item) }));
  // Items their module filed under no known area still belong in the pass.
  const unfiled = facts.filter((f) => !f.competences.some((c) => known.has(c))).map(item);
  areas.push({ key: 'other', label: t('recognition.pass.otherArea'), items: unfiled });
  return areas.filter((a) => a.items.length > 0);
}

/** Badges and micro-degrees with their names (`names`: "kind:classKey" → name), each linked to its page for people. */
export function passAwards(assertions: PassAssertion[], t: Translate, names: ReadonlyMap<string, string>): PassItemView[] {
  return assertions.map((a) => ({
    title: names.get(`${a.kind}:${a.classKey}`) ?? a.classKey,
    url: `/recognition/assertions/${a.id}/verify`,
    kindLabel: kindLabel(t, a.kind),
    date: a.grantedAt,
  }));
}
