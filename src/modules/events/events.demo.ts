// Demo events, the pioneers' working group and a topic pre-vote from content/demo/events.yml.
// Idempotent: a group is skipped when its slug exists, an event when its UID (demo-<key>@praxis)
// does. Times are relative to the loading day ("21d 09:30": 21 days ahead at 09:30 in Berlin).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { addToOutbox } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { visibleUseCases } from '../usecases/index.js';
import { DEFAULT_GROUP_THEMES } from './group.entity.js';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_VISIBILITY } from './event.entity.js';
import { berlinToUtc } from './events.time.js';
import { openDiscussion, syncDiscussionMember } from './groups.discussion.js';
import * as groups from './groups.store.js';
import { insertEvent } from './events.store.js';
import { eventIdByUid } from './events.queries.js';
import { PREVOTE_CLOSE_TOPIC } from './prevote.service.js';
import * as store from './demo.store.js';

const when = z.string().regex(/^-?\d{1,4}d \d{2}:\d{2}$/, 'a time like "21d 09:30" or "-60d 10:00"');
const demoFile = z.object({
  groups: z.array(z.object({
    slug: z.string(), name: z.string(), membership: z.enum(['open', 'request', 'invitation']), cadence: z.string().default(''),
    leads: z.array(z.string()).min(1), members: z.array(z.string()).default([]), purpose: z.string(), guidingQuestions: z.array(z.string()),
  })),
  events: z.array(z.object({
    key: z.string().regex(/^[a-z0-9-]+$/), title: z.string(), kind: z.enum(EVENT_KINDS), format: z.enum(EVENT_FORMATS),
    visibility: z.enum(EVENT_VISIBILITY).default('network'), organiser: z.string(), organiserMember: z.string(), group: z.string().optional(),
    start: when, end: when, place: z.string().default(''), onlineUrl: z.string().default(''), capacity: z.number().int().positive().optional(),
    registered: z.array(z.string()).default([]), waiting: z.array(z.string()).default([]), attended: z.array(z.string()).default([]),
    description: z.string().default(''), minutes: z.string().optional(),
    prevote: z.object({
      question: z.string(), proposalsClose: when, closes: when, votesPerMember: z.number().int(), maxPerTopic: z.number().int(),
      topics: z.array(z.object({
        title: z.string(), description: z.string().default(''), proposer: z.string(), useCases: z.array(z.string()).default([]),
        votes: z.record(z.string(), z.number().int().positive()).default({}),
      })),
    }).optional(),
  })),
});

/** The stable iCalendar UID of a demo event, also its address /events/uid/<uid> (the demo announcement links it). */
export const demoEventUid = (key: string) => `demo-${key}@praxis`;

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "21d 09:30" → 21 days from `now`, 09:30 in Berlin, as a UTC instant. */
export function demoTime(expr: string, now = new Date()): Date {
  const [, days, time] = /^(-?\d+)d (\d{2}:\d{2})$/.exec(expr)!;
  const day = BERLIN_DAY.format(new Date(now.getTime() + Number(days) * 86_400_000));
  const at = berlinToUtc(`${day}T${time}`);
  if (!at) throw new Error(`events.yml: ${expr} is not a time in Berlin`);
  return at;
}

export async function loadDemoEvents(ctx: AppContext): Promise<void> {
  const file = path.join(contentDir, 'demo', 'events.yml');
  const demo = demoFile.parse(parse(readFileSync(file, 'utf8')));
  await inTransaction(ctx.ds, async (db) => {
    const userIds = new Map((await store.activeMembers(db)).map((u) => [u.handle, u.id]));
    const uid = (handle: string) => {
      const id = userIds.get(handle);
      if (!id) throw new Error(`events.yml: unknown member @${handle}`);
      return id;
    };
    const administrations = new Map((await store.administrationIds(db)).map((a) => [a.slug, a.id]));

    for (const g of demo.groups) {
      if (await store.groupIdBySlug(db, g.slug)) continue;
      const leads = g.leads.map(uid);
      const id = (await groups.insertGroup(db, g.slug, {
        name: g.name, purpose: g.purpose, guidingQuestions: g.guidingQuestions, themes: [...DEFAULT_GROUP_THEMES],
        membership: g.membership, cadence: g.cadence, language: 'de', leads: g.leads,
      }, renderMarkdown(g.purpose, 'purpose'), leads[0]!))!;
      for (const lead of leads) await groups.putMember(db, id, lead, 'lead', 'active', leads[0]!);
      for (const m of g.members) await groups.putMember(db, id, uid(m), 'member', 'active', leads[0]!);
      const group = { id, slug: g.slug, name: g.name, language: 'de' as const, categoryId: null };
      const categoryId = await openDiscussion(db, group, leads[0]!);
      await groups.setGroupCategory(db, id, categoryId);
      for (const m of [...leads, ...g.members.map(uid)]) await syncDiscussionMember(db, { ...group, categoryId }, m, true);
      await queueSearchIndex(db, 'group', id);
    }

    for (const e of demo.events) {
      const eventUid = demoEventUid(e.key);
      if (await eventIdByUid(db, eventUid)) continue;
      const organiser = uid(e.organiserMember);
      const groupId = e.group ? await store.groupIdBySlug(db, e.group) : null;
      const startsAt = demoTime(e.start);
      const id = await insertEvent(db, {
        uid: eventUid, slug: slugify(e.title), title: e.title, kind: e.kind, format: e.format,
        descriptionSource: e.description, descriptionHtml: e.description ? renderMarkdown(e.description, 'description') : '',
        startsAt, endsAt: demoTime(e.end), place: e.place, onlineUrl: e.onlineUrl, capacity: e.capacity ?? null,
        registrationOpensAt: null, registrationClosesAt: null, visibility: e.visibility, language: 'de',
        organiserAdministrationId: administrations.get(e.organiser) ?? null, groupId, createdById: organiser,
      });
      const past = startsAt < new Date();
      for (const [n, h] of e.registered.entries()) await store.insertRegistration(db, id, uid(h), 'registered', n, past ? e.attended.includes(h) : null);
      for (const [n, h] of e.waiting.entries()) await store.insertRegistration(db, id, uid(h), 'waiting', 100 + n, null);
      if (e.minutes) await store.insertMinutes(db, id, e.minutes, renderMarkdown(e.minutes, 'minutes'), organiser);
      if (e.prevote) {
        const p = e.prevote;
        const closesAt = demoTime(p.closes);
        const prevoteId = await store.insertPrevote(db, {
          eventId: id, question: p.question, proposalsCloseAt: demoTime(p.proposalsClose), closesAt,
          votesPerPerson: p.votesPerMember, maxPerTopic: p.maxPerTopic, createdById: organiser,
        });
        for (const t of p.topics) {
          const proposer = uid(t.proposer);
          const cases = await visibleUseCases(db, { id: proposer, role: 'member', administrationId: null }, { slugs: t.useCases });
          if (cases.length !== t.useCases.length) throw new Error(`events.yml: a use case of "${t.title}" is missing`);
          const topicId = await store.insertTopic(db, prevoteId, t.title, t.description, proposer, cases.map((c) => c.id));
          for (const [voter, dots] of Object.entries(t.votes)) await store.insertVote(db, prevoteId, topicId, uid(voter), dots);
        }
        // The worker closes it at the deadline (and the page on the first load after it).
        await addToOutbox(db, PREVOTE_CLOSE_TOPIC, { prevoteId }, {
          key: `prevote.close:${prevoteId}`, delaySeconds: Math.max(0, Math.ceil((closesAt.getTime() - Date.now()) / 1000)) + 1,
        });
      }
      if (e.visibility !== 'group') await queueSearchIndex(db, 'event', id);
    }
  });
}
