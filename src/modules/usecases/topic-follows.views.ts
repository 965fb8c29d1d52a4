// View objects for following topics and methods: the page /use-cases/topics and the buttons on the list.
import type { Lang } from '../../shared/i18n.js';
import type { TopicFacet } from './topic-follows.store.js';
import { FACET_LIST } from './topic-follows.schemas.js';
import { taxonomy, termLabel } from './usecases.taxonomy.js';

export interface TopicFollowButton {
  facet: TopicFacet;
  key: string;
  label: string;
  followed: boolean;
  /** The list filtered by this topic or method. */
  href: string;
}

const button = (facet: TopicFacet, key: string, lang: Lang, followed: Set<string>): TopicFollowButton => ({
  facet, key, label: termLabel(FACET_LIST[facet], key, lang), followed: followed.has(`${facet}:${key}`), href: `/use-cases?${facet}=${encodeURIComponent(key)}`,
});

const followedSet = (follows: { facet: TopicFacet; key: string }[]) => new Set(follows.map((f) => `${f.facet}:${f.key}`));

/** Every topic and method, with whether the member follows it (the page /use-cases/topics). */
export function topicsPageView(follows: { facet: TopicFacet; key: string }[], lang: Lang) {
  const set = followedSet(follows);
  const known = (facet: TopicFacet, key: string) => taxonomy()[FACET_LIST[facet]].some((t) => t.key === key);
  return {
    followed: follows.filter((f) => known(f.facet, f.key)).map((f) => button(f.facet, f.key, lang, set)),
    topics: taxonomy()['policy-areas'].map((t) => button('topic', t.key, lang, set)),
    methods: taxonomy().methods.map((t) => button('method', t.key, lang, set)),
  };
}

/** Follow or unfollow buttons for the topics and methods selected in the list's filter. */
export function filterFollowButtons(follows: { facet: TopicFacet; key: string }[], filter: { topic?: string[]; method?: string[] }, lang: Lang): TopicFollowButton[] {
  const set = followedSet(follows);
  return [
    ...(filter.topic ?? []).map((k) => button('topic', k, lang, set)),
    ...(filter.method ?? []).map((k) => button('method', k, lang, set)),
  ];
}
