// Plain view objects for the pre-vote page, its settings form, the agenda editor, and the two
// fragments the event page shows (prevoteSummaryForEvent, agendaOf via agendaView).
import type { DataSource } from 'typeorm';
import type { Db } from '../../db/sql.js';
import { prevotePolicy as policy } from './prevote.policy.js';
import { eventScope, eventUrl, prevoteUrl, type Viewer } from './prevote.service.js';
import * as store from './prevote.store.js';
import { utcToBerlinInput as utcToBerlin } from './events.time.js';

const range = (n: number) => Array.from({ length: n + 1 }, (_, i) => i);

/** The pre-vote page: topics, the member's own dots (never anyone else's), counts when visible. */
export async function prevotePage(ds: DataSource, actor: Viewer, eventId: number) {
  const { event, facts } = await eventScope(ds, actor, eventId);
  const p = await store.prevoteOfEvent(ds, event.id);
  const canManage = policy.canManage(actor, event, facts);
  if (!p) return { event: { ...event, url: eventUrl(event) }, prevote: null, canManage, newUrl: `${prevoteUrl(event)}/new` };
  const closed = !!p.closedAt || p.due;
  const showCounts = policy.canSeeCounts({ closedAt: closed ? (p.closedAt ?? new Date()) : null, showInterim: p.showInterim });
  const takePart = policy.canTakePart(actor, event, facts, p);
  const [topics, mine, ranking, linkable] = await Promise.all([
    store.topicsOf(ds, p.id, !!actor),
    actor ? store.votesOf(ds, p.id, actor.id) : Promise.resolve(new Map<number, number>()),
    showCounts ? store.rankingOf(ds, p.id) : Promise.resolve([]),
    actor && takePart && p.proposalsOpen ? store.linkableUseCases(ds, actor.id) : Promise.resolve([]),
  ]);
  const counts = new Map(ranking.map((r) => [r.id, r]));
  const open = topics.filter((t) => t.status === 'proposed');
  const myTotal = [...mine.values()].reduce((a, b) => a + b, 0);
  return {
    event: { ...event, url: eventUrl(event) },
    canManage,
    prevote: {
      ...p,
      closed,
      url: prevoteUrl(event),
      groupOnly: p.proposers === 'group',
    },
    can: {
      manage: canManage && !closed,
      propose: takePart && p.proposalsOpen,
      vote: takePart && p.votingOpen,
      agenda: canManage,
    },
    signedIn: !!actor,
    topics: open.map((t) => ({
      ...t,
      formerMember: t.proposerId === null,
      myDots: mine.get(t.id) ?? 0,
      field: `dots-${t.id}`,
      dotOptions: range(p.maxPerTopic).map((n) => ({ value: String(n), selected: n === (mine.get(t.id) ?? 0) })),
      count: showCounts ? (counts.get(t.id) ?? { dots: 0, voters: 0 }) : null,
      mergeOptions: open.filter((o) => o.id !== t.id).map((o) => ({ value: String(o.id), label: o.title })),
    })),
    rejected: topics.filter((t) => t.status === 'rejected'),
    merged: topics.filter((t) => t.status === 'merged'),
    myTotal,
    remaining: Math.max(0, p.votesPerPerson - myTotal),
    showCounts,
    ranking: ranking.map((r, i) => ({ ...r, rank: i + 1 })),
    voterCount: showCounts ? await store.voterCount(ds, p.id) : null,
    useCaseOptions: linkable.map((u) => ({ value: String(u.id), label: u.title })),
  };
}

/** Values for the settings form (datetime-local fields in Berlin time). */
export function prevoteFormValues(p: store.PrevoteRow | null) {
  if (!p) return { votesPerPerson: '3', maxPerTopic: '2', proposers: 'network' };
  return {
    question: p.question, proposalsCloseAt: utcToBerlin(p.proposalsCloseAt), closesAt: utcToBerlin(p.closesAt),
    votesPerPerson: String(p.votesPerPerson), maxPerTopic: String(p.maxPerTopic), proposers: p.proposers, showInterim: p.showInterim ? 'on' : '',
  };
}

export interface PrevoteSummary {
  url: string;
  question: string | null;
  /** none: no pre-vote yet (only for those who manage the event); proposals, voting or closed. */
  state: 'none' | 'proposals' | 'voting' | 'closed';
  proposalsCloseAt: Date | null;
  closesAt: Date | null;
  topicCount: number;
  /** The first five of the ranking with their dots, when counts may be shown; else empty. */
  top: { title: string; dots: number }[];
  canManage: boolean;
  canTakePart: boolean;
  newUrl: string;
}

/**
 * What the event page shows about the pre-vote, or null (no pre-vote and the viewer does not manage
 * the event, or the viewer may not see the event). A pre-vote past its deadline reads as closed.
 */
export async function prevoteSummaryForEvent(ds: DataSource | Db, eventId: number, actor: Viewer): Promise<PrevoteSummary | null> {
  let scope;
  try {
    scope = await eventScope(ds, actor, eventId);
  } catch {
    return null;
  }
  const { event, facts } = scope;
  const canManage = policy.canManage(actor, event, facts);
  const p = await store.prevoteOfEvent(ds, event.id);
  const base = { url: prevoteUrl(event), newUrl: `${prevoteUrl(event)}/new`, canManage };
  if (!p) return canManage ? { ...base, question: null, state: 'none', proposalsCloseAt: null, closesAt: null, topicCount: 0, top: [], canTakePart: false } : null;
  const closed = !!p.closedAt || p.due;
  const ranking = await store.rankingOf(ds, p.id);
  const showCounts = closed || p.showInterim;
  return {
    ...base,
    question: p.question,
    state: closed ? 'closed' : p.proposalsOpen ? 'proposals' : 'voting',
    proposalsCloseAt: p.proposalsCloseAt,
    closesAt: p.closesAt,
    topicCount: ranking.length,
    top: showCounts ? ranking.slice(0, 5).map((r) => ({ title: r.title, dots: r.dots })) : [],
    canTakePart: policy.canTakePart(actor, event, facts, p) && !closed,
  };
}

/** The agenda editor: items with their edit forms' values, and the ranking to pick topics from. */
export async function agendaEditPage(ds: DataSource, actor: Viewer, eventId: number) {
  const { event, facts } = await eventScope(ds, actor, eventId);
  if (!policy.canManage(actor, event, facts)) return null;
  const p = await store.prevoteOfEvent(ds, event.id);
  const items = await store.agendaOf(ds, event.id);
  const onAgenda = new Set(items.map((i) => i.topicId));
  const ranking = p ? await store.rankingOf(ds, p.id) : [];
  return {
    event: { ...event, url: eventUrl(event) },
    prevote: p ? { closed: !!p.closedAt || p.due, url: prevoteUrl(event) } : null,
    items: items.map((i, n) => ({
      ...i,
      first: n === 0,
      last: n === items.length - 1,
      startsAtLocal: utcToBerlin(i.startsAt),
      presenterOptions: i.presenters.map((u) => ({ value: String(u.id), label: u.administration ? `${u.name} (${u.administration})` : u.name })),
      useCaseOptions: i.useCases.map((c) => ({ value: String(c.id), label: c.title })),
      presenterIds: i.presenters.map((u) => String(u.id)),
      useCaseIds: i.useCases.map((c) => String(c.id)),
    })),
    topics: ranking.map((r, n) => ({ ...r, rank: n + 1, onAgenda: onAgenda.has(r.id) })),
  };
}

export { agendaOf } from './prevote.store.js';
