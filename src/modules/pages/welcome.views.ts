// What the welcome page and the visitors' home page show, from the modules' hooks and lists.
import type { DataSource } from 'typeorm';
import type { AppContext, NetworkFigure, StartBlock } from '../module.js';
import type { Lang } from '../../shared/i18n.js';
import type { SessionUser } from '../../shared/identity.js';
import { introductoryCourse } from '../academy/index.js';
import { ownProfileValues, onboardingOpen, SPOKEN_LANGUAGES } from '../accounts/index.js';
import { followableCategories, followableTags } from '../forum/index.js';
import { taxonomy, topicFollowsOf } from '../usecases/index.js';

type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** The form's choices and the member's current values (profile, follows). */
export async function welcomeLocals(ds: DataSource, user: SessionUser, lang: Lang, t: Translate) {
  const [profile, categories, tags, follows, course, open] = await Promise.all([
    ownProfileValues(ds, user.id), followableCategories(ds, user.id), followableTags(ds, user.id), topicFollowsOf(ds, user.id),
    introductoryCourse(ds), onboardingOpen(ds, user.id),
  ]);
  const terms = (list: 'policy-areas' | 'methods') => taxonomy()[list].map((x) => ({ value: x.key, label: x[lang] }));
  return {
    title: t('home.onboarding.title'),
    open,
    values: {
      jobTitle: profile?.jobTitle ?? '', department: profile?.department ?? '', languages: profile?.languages ?? [], interests: profile?.interests ?? [],
      categories: categories.filter((c) => c.followed).map((c) => String(c.id)),
      tags: tags.filter((c) => c.followed).map((c) => String(c.id)),
      topics: follows.filter((f) => f.facet === 'topic').map((f) => f.key),
      methods: follows.filter((f) => f.facet === 'method').map((f) => f.key),
    },
    languageOptions: SPOKEN_LANGUAGES.map((value) => ({ value, label: t(`home.onboarding.languages.${value}`) })),
    topicOptions: terms('policy-areas'),
    methodOptions: terms('methods'),
    categoryOptions: categories.map((c) => ({ value: String(c.id), label: c.label })),
    tagOptions: tags.map((c) => ({ value: String(c.id), label: c.label })),
    course: course && { href: `/academy/courses/${course.slug}`, title: course.title, language: course.language },
  };
}

/** Every module's network figures, in their order (each counts a whole table: see FIGURES_MAX_AGE_MS). */
export async function networkFigures(ctx: AppContext): Promise<NetworkFigure[]> {
  const figureLists = await Promise.all(ctx.modules.map((m) => (m.networkFigures ? m.networkFigures(ctx.ds) : Promise.resolve([] as NetworkFigure[]))));
  return figureLists.flat().sort((a, b) => a.order - b.order);
}

/**
 * How old the visitors' home page's figures may be. Counting them took 7 of the page's 15 ms in
 * PostgreSQL at network scale (100,000 threads, 20,000 members: every active member's administration,
 * every answered question), on every view of the page every visitor lands on; counted once a minute
 * per process instead, "the network today" is at most a minute behind.
 */
export const FIGURES_MAX_AGE_MS = 60_000;

/** The visitors' home page: the figures (from `figures`, see FIGURES_MAX_AGE_MS) and every module's blocks, in their order. */
export async function visitorHome(ctx: AppContext, lang: Lang, figures: () => Promise<NetworkFigure[]>) {
  const [shown, blocks] = await Promise.all([
    figures(),
    Promise.all(ctx.modules.flatMap((m) => (m.visitorHomeBlocks ?? []).map((load) => load(ctx.ds, lang)))),
  ]);
  return {
    figures: shown,
    blocks: blocks.filter((b): b is StartBlock => !!b).sort((a, b) => a.order - b.order),
  };
}
