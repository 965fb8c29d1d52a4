// Plain view objects for the micro-degree pages: each requirement in words (also the Open Badges
// criteria narrative), the member's progress with a text equivalent ("3 of 5"), what is missing and
// a link to the next step.
import { competenceLabel } from '../../shared/competences.js';
import { translate, type Lang } from '../../shared/i18n.js';
import type { ActivityKind } from '../../shared/activity.js';
import type { Progress, Requirement, RequirementProgress } from './microdegrees.model.js';
import type { MicrodegreeGrant, MicrodegreeRow } from './microdegrees.queries.js';
import { CONTRIBUTION_KINDS } from './microdegrees.schemas.js';

const M = 'recognition.microdegrees';
export type CourseTitles = Map<string, { title: string; language: string }>;

export const kindLabel = (kind: string, lang: Lang) => translate(lang, `${M}.kinds.${kind}`);

/** The requirement in words, e.g. "Antworten als Lösung angenommen: 5". */
export function describeRequirement(r: Requirement, lang: Lang, courses: CourseTitles): string {
  if (r.type === 'certificates') {
    if (!r.courses?.length) return translate(lang, `${M}.req.certificates`, { count: r.count });
    const names = r.courses.map((c) => courses.get(c)?.title ?? c).join(', ');
    return translate(lang, `${M}.req.certificatesFrom`, { count: r.count, courses: names });
  }
  if (r.type === 'badge') return translate(lang, `${M}.req.badge`, { key: r.key });
  return translate(lang, `${M}.req.contributions`, { label: r.label ?? kindLabel(r.kind, lang), count: r.count });
}

/** The Open Badges criteria narrative: every requirement, one per line. */
export function criteriaNarrative(m: Pick<MicrodegreeRow, 'requirements' | 'language'>, courses: CourseTitles): string {
  return [translate(m.language, `${M}.req.intro`), ...m.requirements.map((r) => `- ${describeRequirement(r, m.language, courses)}`)].join('\n');
}

/** Where a member goes to make progress on a requirement. */
const NEXT_BY_KIND: Record<ActivityKind, [string, string]> = {
  'forum.answer_accepted': ['/forum?view=unanswered', 'forumAnswer'],
  'forum.reply_helpful': ['/forum?view=unanswered', 'forumAnswer'],
  'forum.thread_answered': ['/forum/new', 'forumAsk'],
  'usecase.published': ['/use-cases/new', 'usecaseNew'],
  'usecase.verified': ['/use-cases/mine', 'usecaseMine'],
  'usecase.implemented': ['/use-cases/mine', 'usecaseMine'],
  'guide.chapter_published': ['/guides', 'guides'],
  'academy.quiz_passed': ['/academy', 'academy'],
  'academy.certificate': ['/academy', 'academy'],
  'event.attended': ['/events', 'events'],
  'event.talk_given': ['/events', 'events'],
  'prevote.topic_on_agenda': ['/events', 'events'],
};

export function nextStep(p: RequirementProgress, lang: Lang, courses: CourseTitles): { href: string; label: string } | null {
  if (p.met) return null;
  const r = p.requirement;
  if (r.type === 'certificates') {
    const course = p.missingCourses.find((c) => courses.has(c));
    return course
      ? { href: `/academy/courses/${course}`, label: translate(lang, `${M}.next.course`, { course: courses.get(course)!.title }) }
      : { href: '/academy', label: translate(lang, `${M}.next.academy`) };
  }
  if (r.type === 'badge') return { href: `/recognition/badges/${r.key}`, label: translate(lang, `${M}.next.badge`) };
  const [href, key] = NEXT_BY_KIND[r.kind];
  return { href, label: translate(lang, `${M}.next.${key}`) };
}

export interface RequirementView {
  text: string;
  /** The language of the text when it is the micro-degree's own wording (a contribution's label). */
  lang: string | null;
  have: number;
  need: number;
  met: boolean;
  progressText: string;
  missingText: string | null;
  evidence: { url: string; title: string }[];
  next: { href: string; label: string } | null;
}

export function requirementViews(progress: Progress, lang: Lang, courses: CourseTitles, contentLanguage: string): RequirementView[] {
  return progress.requirements.map((p) => {
    const missingCourses = p.missingCourses.map((c) => courses.get(c)?.title ?? c);
    return {
      text: describeRequirement(p.requirement, lang, courses),
      lang: p.requirement.type === 'contributions' && p.requirement.label ? contentLanguage : null,
      have: p.have,
      need: p.need,
      met: p.met,
      progressText: translate(lang, `${M}.progress.of`, { have: p.have, need: p.need }),
      missingText: p.met ? null
        : missingCourses.length && p.requirement.type === 'certificates' && p.requirement.courses
          ? translate(lang, `${M}.progress.missingCourses`, { count: p.need - p.have, courses: missingCourses.join(', ') })
          : translate(lang, `${M}.progress.missing`, { count: p.need - p.have }),
      evidence: p.evidence,
      next: nextStep(p, lang, courses),
    };
  });
}

export interface OverallView {
  done: number;
  total: number;
  complete: boolean;
  text: string;
}

export const overallView = (progress: Progress, lang: Lang): OverallView => ({
  done: progress.done, total: progress.total, complete: progress.complete,
  text: translate(lang, `${M}.progress.overall`, { done: progress.done, total: progress.total }),
});

export function grantView(g: MicrodegreeGrant | undefined): { id: string; grantedAt: Date; revoked: boolean } | null {
  return g ? { id: g.id, grantedAt: g.grantedAt, revoked: !!g.revokedAt } : null;
}

export const competencesView = (keys: string[], lang: Lang) => keys.map((key) => ({ key, label: competenceLabel(key, lang) }));

/** The options of a requirement row's type select. */
export function rowTypeOptions(lang: Lang): { value: string; label: string }[] {
  return [
    { value: 'certificates', label: translate(lang, `${M}.types.certificates`) },
    { value: 'badge', label: translate(lang, `${M}.types.badge`) },
    ...CONTRIBUTION_KINDS.map((k) => ({ value: k, label: translate(lang, `${M}.types.contribution`, { kind: kindLabel(k, lang) }) })),
  ];
}
