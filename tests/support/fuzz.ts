// The fuzz test over every form: a maintained catalogue of the app's POST routes (checked against
// the router in tests/web/fuzz-routes.test.ts, so a new form cannot be forgotten), the fixtures its
// paths point to, a generator of hostile field values, and the check that runs each case: no 5xx,
// input the database cannot store is refused with 400, and a refusal (any 4xx) changes no row of
// any table (the file has a database of its own, so the whole database is compared).
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { generateTotpSecret } from '../../src/shared/totp.js';
import { unsubscribeToken } from '../../src/modules/notifications/notification-mail.js';
import { isStorableText } from '../../src/web/middleware/input-guard.js';
import { createCourse, createQuiz } from './academy-factories.js';
import { Browser, csrfIn, signedIn } from './agent.js';
import { useTestApp, type TestApp } from './app.js';
import { usePrivateDatabase } from './accounts-factories.js';
import { createAdministration, createUser, type TestUser } from './factories.js';
import { createCategory, createReply, createThread } from './forum-factories.js';
import { createGroup, createPublication } from './groups-factories.js';
import { createGuide } from './guides-factories.js';
import { createUseCase } from './usecases-factories.js';

export interface Fixtures {
  admin: TestUser & { totpSecret: string };
  other: TestUser;
  pending: TestUser;
  adminSlug: string;
  categoryId: number;
  threadId: number;
  otherThreadId: number;
  replyId: number;
  ucSlug: string;
  commentId: number;
  guideSlug: string;
  guideRevision: number;
  quizSlug: string;
  courseSlug: string;
  attemptId: number;
  notificationId: number;
  /** A valid one-click unsubscribe token of the admin (mentions). */
  unsubscribeToken: string;
  /** A public event (the results forms post to it). */
  eventId: number;
  ucId: number;
  /** A registration of `other` to the public (past) event: attendance is marked on it. */
  registrationId: number;
  /** A network event ahead, without a pre-vote (edit, register, cancel; opening a pre-vote). */
  futureEventId: number;
  /** An event ahead with a pre-vote taking proposals, two topics and an agenda item. */
  prevoteEventId: number;
  topicId: number;
  otherTopicId: number;
  agendaItemId: number;
  /** An open working group led by `other`, with an active member, a request and the admin invited; a draft publication. */
  groupSlug: string;
  memberId: number;
  requesterId: number;
  otherRequesterId: number;
  inviteeHandle: string;
  /** A draft publication (edit, submit, return), one in review (publish) and a published one (promote to guide). */
  pubSlug: string;
  reviewPubSlug: string;
  publishedPubSlug: string;
  /** A micro-degree (edit, archive, restore). */
  microdegreeSlug: string;
  /** A chapter of the guide, and an embedded video on it (media forms). */
  chapterId: number;
  videoId: string;
  /** A published, processed video on the chapter with a timed comment by `other` and one by the admin. */
  commentVideoId: string;
  videoCommentId: number;
  ownVideoCommentId: number;
  /** An English translation of the case by `other`, waiting for review (the admin approves it), and another case's (refused). */
  ucTranslationRevisionId: number;
  refuseUcSlug: string;
  refuseRevisionId: number;
}

export type Role = 'visitor' | 'admin';

export interface FormCase {
  /** The route as the router has it. */
  route: string;
  /** Who posts it: an admin (with two-factor sign-in) may use every member, facilitator and admin form. */
  role: Role;
  path: (f: Fixtures) => string;
  /** Field names with a valid value each (the generator keeps, drops or damages them). */
  fields: (f: Fixtures) => Record<string, string | string[]>;
  multipart?: boolean;
  /** Tables a refusal may legitimately write (e.g. a failed sign-in is counted). */
  mayWrite?: string[];
}

const ucFields = {
  core: (f: Fixtures) => ({ title: 'Bürgerhaushalt Fuzz', summary: 'Eine Zusammenfassung mit genug Zeichen.', administrationId: String(f.admin.administrationId),
    department: 'finance', departmentOther: '', status: 'completed', policyAreas: ['budget'], iap2Level: 'consult', methods: ['participatory-budget'] }),
};
const text = 'Ein ganz normaler Text für das Formular.';
const eventFields = (f: Fixtures) => ({ title: 'Fuzz-Werkstatt Beteiligung', kind: 'workshop', format: 'hybrid', description: text, startsAt: '2031-06-02T10:00', endsAt: '2031-06-02T16:00',
  place: 'Rathaus, Marktplatz 1', onlineUrl: 'https://meet.example/fuzz', capacity: '30', registrationOpensAt: '', registrationClosesAt: '2031-06-01T12:00',
  visibility: 'network', language: 'de', organiserAdministrationId: String(f.admin.administrationId), groupId: '' });
const prevoteFields = () => ({ question: 'Welche Themen sollen wir vertiefen?', proposalsCloseAt: '2031-05-20T18:00', closesAt: '2031-05-27T18:00', votesPerPerson: '3', maxPerTopic: '2', proposers: 'network', showInterim: 'on' });
const agendaFields = (f: Fixtures) => ({ title: 'Begrüßung', description: text, startsAt: '2031-06-02T10:00', durationMinutes: '30', presenters: [String(f.other.id)], useCases: [String(f.ucId)], addPresenter: `@${f.other.handle}` });
const microdegreeFields = () => ({ title: 'Micro-Degree Fuzz', description: text, language: 'de', competences: ['methods-formats', 'digital-tools'],
  type1: 'certificates', target1: '', count1: '1', label1: '', type2: 'forum.answer_accepted', target2: '', count2: '3', label2: 'Angenommene Antworten',
  type3: 'badge', target3: 'fuzz-abzeichen', count3: '', label3: '' });
const groupFields = (f: Fixtures) => ({ name: 'Arbeitskreis Fuzz', purpose: text, guidingQuestions: 'Wie gelingt Beteiligung?\nWer fehlt?', themes: ['methods', 'quality'],
  membership: 'open', leads: `@${f.other.handle}`, cadence: 'monatlich', language: 'de' });

/** Every POST route of the app. */
export const FORMS: FormCase[] = [
  // accounts, administrations, pages, notifications
  { route: '/admin/administrations', role: 'admin', path: () => '/admin/administrations', fields: () => ({ name: 'Fuzzstadt', slug: 'fuzzstadt', kind: 'city', state: 'BY', ags: '09162000', population: '1000', website: 'https://fuzz.example', domains: 'fuzz.example', description: text }) },
  { route: '/admin/administrations/:slug', role: 'admin', path: (f) => `/admin/administrations/${f.adminSlug}`, fields: () => ({ name: 'Fuzzstadt', slug: 'fuzzstadt-2', kind: 'city', state: 'BY', ags: '', population: '1000', website: '', domains: '', description: text }) },
  { route: '/register', role: 'visitor', path: () => '/register', fields: () => ({ name: 'Fuzz Person', handle: 'fuzzperson', email: 'fuzz@example.org', password: 'ein-langes-passwort', organization: 'Org', language: 'de', consent: 'yes' }) },
  { route: '/login', role: 'visitor', path: () => '/login', fields: (f) => ({ email: f.other.email, password: 'falsches-passwort', next: '/forum' }), mayWrite: ['sign_in_throttle', 'outbox', 'user_tokens'] },
  { route: '/login/two-factor', role: 'visitor', path: () => '/login/two-factor', fields: () => ({ code: '123456', next: '/' }), mayWrite: ['sign_in_throttle'] },
  { route: '/login/verify', role: 'visitor', path: () => '/login/verify', fields: () => ({ code: '123456', next: '/' }), mayWrite: ['sign_in_throttle', 'user_tokens'] },
  { route: '/logout', role: 'visitor', path: () => '/logout', fields: () => ({}) },
  { route: '/login/sso', role: 'visitor', path: () => '/login/sso', fields: () => ({ email: 'fuzz@ohne-sso.example', next: '/forum' }) },
  { route: '/login/sso/link', role: 'visitor', path: () => '/login/sso/link', fields: () => ({ password: 'falsches-passwort' }) },
  { route: '/admin/sso/:slug', role: 'admin', path: (f) => `/admin/sso/${f.adminSlug}`, fields: () => ({ issuerUrl: 'https://login.fuzz.example/realms/fuzz', clientId: 'praxis', clientSecret: 'geheim', allowedDomains: 'fuzz.example, verwaltung.fuzz.example', departmentClaim: 'department', enabled: 'no' }) },
  { route: '/admin/sso/:slug/delete', role: 'admin', path: (f) => `/admin/sso/${f.adminSlug}/delete`, fields: () => ({}) },
  { route: '/password/forgot', role: 'visitor', path: () => '/password/forgot', fields: () => ({ email: 'fuzz@example.org' }) },
  { route: '/password/reset', role: 'visitor', path: () => '/password/reset', fields: () => ({ token: 'x'.repeat(40), password: 'ein-langes-passwort' }) },
  { route: '/me/profile', role: 'admin', path: () => '/me/profile', fields: () => ({ name: 'Admin Fuzz', jobTitle: 'Leitung', department: 'Amt', language: 'de', bio: text }) },
  { route: '/welcome', role: 'admin', path: () => '/welcome', fields: () => ({ jobTitle: text, department: 'Amt', languages: 'de', interests: 'budget', topics: 'budget', methods: 'online-dialogue' }) },
  { route: '/welcome/skip', role: 'admin', path: () => '/welcome/skip', fields: () => ({}) },
  { route: '/use-cases/topics/follow', role: 'admin', path: () => '/use-cases/topics/follow', fields: () => ({ facet: 'topic', key: 'budget', back: '/use-cases?topic=budget' }) },
  { route: '/use-cases/topics/unfollow', role: 'admin', path: () => '/use-cases/topics/unfollow', fields: () => ({ facet: 'topic', key: 'budget', back: '/use-cases/topics' }) },
  { route: '/me/password', role: 'admin', path: () => '/me/password', fields: () => ({ currentPassword: 'falsches-passwort', newPassword: 'ein-neues-passwort-1' }) },
  { route: '/me/two-factor/enable', role: 'admin', path: () => '/me/two-factor/enable', fields: () => ({ code: '123456' }) },
  { route: '/me/two-factor/disable', role: 'admin', path: () => '/me/two-factor/disable', fields: () => ({ password: 'falsches-passwort' }) },
  { route: '/me/tokens', role: 'admin', path: () => '/me/tokens', fields: () => ({ name: text, scopes: ['read:public', 'read:network'], expiry: '90' }) },
  { route: '/me/tokens/:id/revoke', role: 'admin', path: () => '/me/tokens/1/revoke', fields: () => ({}) },
  { route: '/admin/tokens/:id/revoke', role: 'admin', path: () => '/admin/tokens/1/revoke', fields: () => ({}) },
  { route: '/admin/webhooks', role: 'admin', path: () => '/admin/webhooks', fields: () => ({ url: 'https://hooks.example.org/praxis', description: text, events: ['thread.created', 'use_case.published'], includeNetwork: 'on' }) },
  { route: '/admin/webhooks/:id', role: 'admin', path: () => '/admin/webhooks/1', fields: () => ({ url: 'https://hooks.example.org/praxis', description: text, events: ['thread.created'], includeNetwork: 'on' }) },
  { route: '/admin/webhooks/:id/enable', role: 'admin', path: () => '/admin/webhooks/1/enable', fields: () => ({}) },
  { route: '/admin/webhooks/:id/disable', role: 'admin', path: () => '/admin/webhooks/1/disable', fields: () => ({}) },
  { route: '/admin/webhooks/:id/test', role: 'admin', path: () => '/admin/webhooks/1/test', fields: () => ({}) },
  { route: '/admin/webhooks/:id/delete', role: 'admin', path: () => '/admin/webhooks/1/delete', fields: () => ({}) },
  { route: '/admin/webhooks/:id/rotate', role: 'admin', path: () => '/admin/webhooks/1/rotate', fields: () => ({}) },
  { route: '/me/delete', role: 'admin', path: () => '/me/delete', fields: () => ({ password: 'falsches-passwort', confirm: 'DELETE', contributions: 'keep' }) },
  { route: '/language', role: 'admin', path: () => '/language', fields: () => ({ lang: 'de', next: '/' }) },
  { route: '/admin/approvals/:id/approve', role: 'admin', path: (f) => `/admin/approvals/${f.pending.id}/approve`, fields: (f) => ({ administrationId: String(f.admin.administrationId) }) },
  { route: '/admin/approvals/:id/reject', role: 'admin', path: (f) => `/admin/approvals/${f.pending.id}/reject`, fields: () => ({ reason: 'Nicht aus einer Verwaltung' }) },
  { route: '/admin/users/:id/role', role: 'admin', path: (f) => `/admin/users/${f.other.id}/role`, fields: () => ({ role: 'member', reason: 'Rolle geprüft' }) },
  { route: '/notifications/read-all', role: 'admin', path: () => '/notifications/read-all', fields: () => ({}) },
  { route: '/notifications/:id/read', role: 'admin', path: (f) => `/notifications/${f.notificationId}/read`, fields: () => ({ stay: '1' }) },
  { route: '/notifications/settings', role: 'admin', path: () => '/notifications/settings', fields: () => ({
    channel_mention: 'email', channel_replyToMine: 'email', channel_accepted: 'app', channel_followed: 'digest', channel_likeMine: 'digest', channel_adoption: 'email',
    channel_review: 'email', channel_certificate: 'app', channel_events: 'email', channel_other: 'app', digestFrequency: 'daily', digestWeekday: '3', digestHour: '18' }) },
  { route: '/notifications/unsubscribe/:token', role: 'visitor', path: (f) => `/notifications/unsubscribe/${f.unsubscribeToken}`, fields: () => ({ 'List-Unsubscribe': 'One-Click' }) },
  { route: '/barrierefreiheit', role: 'visitor', path: () => '/barrierefreiheit', fields: () => ({ name: 'Fuzz', email: 'fuzz@example.org', page: '/forum', message: text }) },
  // use cases
  { route: '/use-cases', role: 'admin', path: () => '/use-cases', fields: ucFields.core },
  { route: '/use-cases/:slug/edit/core', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/edit/core`, fields: ucFields.core },
  { route: '/use-cases/:slug/edit/details', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/edit/details`, fields: (f) => ({ startDate: '2024-01-01', endDate: '2024-12-31', formalBasis: '', councilDecision: '', digitalTool: '', format: '', targetGroups: [], participantCount: '1200', budgetBand: '', staffEffortDays: '30', language: 'de', visibility: 'network', nextReviewAt: '', ownerId: String(f.admin.id) }) },
  { route: '/use-cases/:slug/edit/narrative', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/edit/narrative`, fields: () => ({ situation: text, goal: text, process: text, involved: '', results: '', worked: '', notWorked: '', transferability: '', links: '' }) },
  { route: '/use-cases/:slug/edit/publish', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/edit/publish`, fields: () => ({ publish: 'draft' }) },
  { route: '/use-cases/:slug/editors', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/editors`, fields: (f) => ({ editor: f.other.handle }) },
  { route: '/use-cases/:slug/editors/:id/delete', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/editors/${f.other.id}/delete`, fields: () => ({}) },
  { route: '/use-cases/:slug/contacts', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/contacts`, fields: (f) => ({ contact: f.other.handle }) },
  { route: '/use-cases/:slug/contact/opt-in', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/contact/opt-in`, fields: () => ({}) },
  { route: '/use-cases/:slug/contact/opt-out', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/contact/opt-out`, fields: () => ({}) },
  { route: '/use-cases/:slug/verify', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/verify`, fields: () => ({}) },
  { route: '/use-cases/:slug/follow', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/follow`, fields: () => ({}) },
  { route: '/use-cases/:slug/unfollow', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/unfollow`, fields: () => ({}) },
  { route: '/use-cases/:slug/comments', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments`, fields: (f) => ({ body: text, parentId: String(f.commentId) }) },
  { route: '/use-cases/:slug/comments/:id/edit', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments/${f.commentId}/edit`, fields: () => ({ body: text }) },
  { route: '/use-cases/:slug/comments/:id/delete', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments/${f.commentId}/delete`, fields: () => ({}) },
  { route: '/use-cases/:slug/comments/:id/flag', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments/${f.commentId}/flag`, fields: () => ({ reason: 'Enthält Personendaten' }) },
  { route: '/use-cases/:slug/comments/:id/hide', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments/${f.commentId}/hide`, fields: () => ({ reason: 'Enthält Personendaten' }) },
  { route: '/use-cases/:slug/comments/:id/show', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/comments/${f.commentId}/show`, fields: () => ({ reason: 'Geprüft, in Ordnung' }) },
  { route: '/use-cases/:slug/adoption', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/adoption`, fields: () => ({ status: 'planned', note: text }) },
  { route: '/use-cases/:slug/adoption/delete', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/adoption/delete`, fields: () => ({}) },
  { route: '/use-cases/:slug/derive', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/derive`, fields: () => ({}) },
  { route: '/use-cases/:slug/attachments', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/attachments`, fields: () => ({ licence: 'CC-BY-4.0', description: text }), multipart: true },
  // use-case translations: approve and refuse first (each has a text waiting), then a new text
  { route: '/use-cases/:slug/translations/:lang/approve', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/translations/en/approve`, fields: (f) => ({ revision: String(f.ucTranslationRevisionId), note: 'Passt.' }) },
  { route: '/use-cases/:slug/translations/:lang/refuse', role: 'admin', path: (f) => `/use-cases/${f.refuseUcSlug}/translations/en/refuse`, fields: (f) => ({ revision: String(f.refuseRevisionId), reason: 'Bitte den Ortsnamen behalten.' }) },
  { route: '/use-cases/:slug/translations/:lang', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/translations/en`, fields: () => ({ title: 'Participatory budget', summary: 'A short summary in English.', situation: 'The *situation* in English.', goal: '' }) },
  { route: '/use-cases/:slug/attachments/:id/delete', role: 'admin', path: (f) => `/use-cases/${f.ucSlug}/attachments/1/delete`, fields: () => ({}) },
  // guides
  { route: '/guides', role: 'admin', path: () => '/guides', fields: () => ({ title: 'Leitfaden Fuzz', slug: '', summary: text, tags: 'fuzz', owner: '', reviewIntervalMonths: '12', language: 'de', sortOrder: '100' }) },
  { route: '/guides/:slug/edit', role: 'admin', path: (f) => `/guides/${f.guideSlug}/edit`, fields: () => ({ title: 'Leitfaden Fuzz', slug: '', summary: text, tags: 'fuzz', owner: '', reviewIntervalMonths: '12', language: 'de', sortOrder: '100' }) },
  { route: '/guides/:slug/chapters', role: 'admin', path: (f) => `/guides/${f.guideSlug}/chapters`, fields: () => ({ title: 'Neues Kapitel', slug: '', body: text }) },
  { route: '/guides/:slug/chapters/:uid', role: 'admin', path: (f) => `/guides/${f.guideSlug}/chapters/c-planung`, fields: () => ({ title: 'Planung', slug: 'planung', body: text }) },
  { route: '/guides/:slug/chapters/:uid/move', role: 'admin', path: (f) => `/guides/${f.guideSlug}/chapters/c-planung/move`, fields: () => ({ direction: 'up' }) },
  { route: '/guides/:slug/chapters/:uid/remove', role: 'admin', path: (f) => `/guides/${f.guideSlug}/chapters/c-umsetzung/remove`, fields: () => ({}) },
  { route: '/guides/:slug/archive', role: 'admin', path: () => '/guides/does-not-exist/archive', fields: () => ({}) },
  { route: '/guides/:slug/confirm', role: 'admin', path: (f) => `/guides/${f.guideSlug}/confirm`, fields: () => ({}) },
  { route: '/guides/:slug/revisions/:id/restore', role: 'admin', path: (f) => `/guides/${f.guideSlug}/revisions/${f.guideRevision}/restore`, fields: () => ({ message: 'Zurück zur alten Fassung' }) },
  { route: '/guides/:slug/approve', role: 'admin', path: (f) => `/guides/${f.guideSlug}/approve`, fields: (f) => ({ comment: text, revision: String(f.guideRevision) }) },
  { route: '/guides/:slug/request-changes', role: 'admin', path: (f) => `/guides/${f.guideSlug}/request-changes`, fields: (f) => ({ reason: 'Bitte Quellen ergänzen', revision: String(f.guideRevision) }) },
  { route: '/guides/:slug/translate', role: 'admin', path: (f) => `/guides/${f.guideSlug}/translate`, fields: () => ({ language: 'en' }) },
  { route: '/guides/:slug/translation-current', role: 'admin', path: (f) => `/guides/${f.guideSlug}/translation-current`, fields: () => ({}) },
  { route: '/guides/:slug/:chapter/read', role: 'admin', path: (f) => `/guides/${f.guideSlug}/einstieg/read`, fields: () => ({}) },
  { route: '/guides/:slug/:chapter/unread', role: 'admin', path: (f) => `/guides/${f.guideSlug}/einstieg/unread`, fields: () => ({}) },
  // events: results after the event
  { route: '/events/:id/minutes', role: 'admin', path: (f) => `/events/${f.eventId}/minutes`, fields: () => ({ body: text, status: 'draft', version: '0' }) },
  { route: '/events/:id/minutes/promote', role: 'admin', path: (f) => `/events/${f.eventId}/minutes/promote`, fields: () => ({ guideId: '1', chapterId: '', newChapterTitle: 'Aus der Veranstaltung', markdown: text }) },
  { route: '/events/:id/attachments', role: 'admin', path: (f) => `/events/${f.eventId}/attachments`, fields: () => ({ description: text }), multipart: true },
  { route: '/events/:id/attachments/:fileId/delete', role: 'admin', path: (f) => `/events/${f.eventId}/attachments/1/delete`, fields: () => ({}) },
  { route: '/events/:id/outcomes', role: 'admin', path: (f) => `/events/${f.eventId}/outcomes`, fields: (f) => ({ kind: 'thread', ref: String(f.threadId), chapterId: '' }) },
  { route: '/events/:id/outcomes/delete', role: 'admin', path: (f) => `/events/${f.eventId}/outcomes/delete`, fields: (f) => ({ kind: 'thread', targetId: String(f.threadId) }) },
  // events: the events themselves (create, edit, cancel, registration, attendance, calendar feed)
  { route: '/events', role: 'admin', path: () => '/events', fields: eventFields },
  { route: '/events/:ref/edit', role: 'admin', path: (f) => `/events/${f.futureEventId}/edit`, fields: eventFields },
  { route: '/events/:ref/register', role: 'admin', path: (f) => `/events/${f.futureEventId}/register`, fields: () => ({ shareEmail: 'yes' }) },
  { route: '/events/:ref/unregister', role: 'admin', path: (f) => `/events/${f.futureEventId}/unregister`, fields: () => ({}) },
  { route: '/events/:ref/attendance', role: 'admin', path: (f) => `/events/${f.eventId}/attendance`, fields: (f) => ({ attended: [String(f.registrationId)] }) },
  { route: '/events/:ref/cancel', role: 'admin', path: (f) => `/events/${f.futureEventId}/cancel`, fields: () => ({ reason: 'Die Referentin ist krank.' }) },
  { route: '/events/calendar', role: 'admin', path: () => '/events/calendar', fields: () => ({}) },
  { route: '/events/calendar/delete', role: 'admin', path: () => '/events/calendar/delete', fields: () => ({}) },
  // events: the topic pre-vote and the agenda
  { route: '/events/:id/prevote/new', role: 'admin', path: (f) => `/events/${f.futureEventId}/prevote/new`, fields: prevoteFields },
  { route: '/events/:id/prevote/edit', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/prevote/edit`, fields: prevoteFields },
  { route: '/events/:id/prevote/topics', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/prevote/topics`, fields: (f) => ({ title: 'Beteiligung im ländlichen Raum', description: text, useCases: [String(f.ucId)] }) },
  { route: '/events/:id/prevote/votes', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/prevote/votes`, fields: (f) => ({ [`dots-${f.topicId}`]: '1', [`dots-${f.otherTopicId}`]: '1' }) },
  { route: '/events/:id/prevote/topics/:topicId/merge', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/prevote/topics/${f.topicId}/merge`, fields: (f) => ({ into: String(f.otherTopicId) }) },
  { route: '/events/:id/agenda', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/agenda`, fields: agendaFields },
  { route: '/events/:id/agenda/from-topic', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/agenda/from-topic`, fields: (f) => ({ topicId: String(f.otherTopicId) }) },
  { route: '/events/:id/agenda/:itemId/edit', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/agenda/${f.agendaItemId}/edit`, fields: agendaFields },
  { route: '/events/:id/agenda/:itemId/move', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/agenda/${f.agendaItemId}/move`, fields: () => ({ direction: 'down' }) },
  { route: '/events/:id/prevote/topics/:topicId/reject', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/prevote/topics/${f.otherTopicId}/reject`, fields: () => ({ reason: 'Passt nicht zur Veranstaltung' }) },
  { route: '/events/:id/agenda/:itemId/delete', role: 'admin', path: (f) => `/events/${f.prevoteEventId}/agenda/${f.agendaItemId}/delete`, fields: () => ({}) },
  // recognition: micro-degrees
  { route: '/recognition/microdegrees', role: 'admin', path: () => '/recognition/microdegrees', fields: microdegreeFields },
  { route: '/recognition/microdegrees/:slug/edit', role: 'admin', path: (f) => `/recognition/microdegrees/${f.microdegreeSlug}/edit`, fields: microdegreeFields },
  { route: '/recognition/microdegrees/:slug/archive', role: 'admin', path: (f) => `/recognition/microdegrees/${f.microdegreeSlug}/archive`, fields: () => ({}) },
  { route: '/recognition/microdegrees/:slug/restore', role: 'admin', path: (f) => `/recognition/microdegrees/${f.microdegreeSlug}/restore`, fields: () => ({}) },
  // working groups: the group, linked use cases, publications
  { route: '/groups', role: 'admin', path: () => '/groups', fields: groupFields },
  { route: '/groups/:slug/edit', role: 'admin', path: (f) => `/groups/${f.groupSlug}/edit`, fields: groupFields },
  { route: '/groups/:slug/use-cases', role: 'admin', path: (f) => `/groups/${f.groupSlug}/use-cases`, fields: (f) => ({ useCase: `https://praxis.test/use-cases/${f.ucSlug}` }) },
  { route: '/groups/:slug/use-cases/:uc/delete', role: 'admin', path: (f) => `/groups/${f.groupSlug}/use-cases/${f.ucSlug}/delete`, fields: () => ({}) },
  { route: '/groups/:slug/publications', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications`, fields: () => ({ title: 'Was wir gelernt haben', body: text, language: 'de' }) },
  { route: '/groups/:slug/publications/:pub/edit', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications/${f.pubSlug}/edit`, fields: () => ({ title: 'Was wir gelernt haben', body: text, language: 'de' }) },
  { route: '/groups/:slug/publications/:pub/submit', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications/${f.pubSlug}/submit`, fields: () => ({}) },
  { route: '/groups/:slug/publications/:pub/return', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications/${f.pubSlug}/return`, fields: () => ({ comment: 'Bitte Quellen ergänzen' }) },
  { route: '/groups/:slug/publications/:pub/publish', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications/${f.reviewPubSlug}/publish`, fields: () => ({}) },
  { route: '/groups/:slug/publications/:pub/promote', role: 'admin', path: (f) => `/groups/${f.groupSlug}/publications/${f.publishedPubSlug}/promote`, fields: () => ({ guideId: '1', chapterId: '', newChapterTitle: 'Aus dem Arbeitskreis', markdown: text }) },
  // working groups: membership
  { route: '/groups/:slug/invitation/accept', role: 'admin', path: (f) => `/groups/${f.groupSlug}/invitation/accept`, fields: () => ({}) },
  { route: '/groups/:slug/leave', role: 'admin', path: (f) => `/groups/${f.groupSlug}/leave`, fields: () => ({}) },
  { route: '/groups/:slug/join', role: 'admin', path: (f) => `/groups/${f.groupSlug}/join`, fields: () => ({}) },
  { route: '/groups/:slug/request', role: 'admin', path: (f) => `/groups/${f.groupSlug}/request`, fields: () => ({}) },
  { route: '/groups/:slug/invitation/decline', role: 'admin', path: (f) => `/groups/${f.groupSlug}/invitation/decline`, fields: () => ({}) },
  { route: '/groups/:slug/invite', role: 'admin', path: (f) => `/groups/${f.groupSlug}/invite`, fields: (f) => ({ handle: `@${f.inviteeHandle}` }) },
  { route: '/groups/:slug/members/:id/approve', role: 'admin', path: (f) => `/groups/${f.groupSlug}/members/${f.requesterId}/approve`, fields: () => ({}) },
  { route: '/groups/:slug/members/:id/decline', role: 'admin', path: (f) => `/groups/${f.groupSlug}/members/${f.otherRequesterId}/decline`, fields: () => ({}) },
  { route: '/groups/:slug/members/:id/promote', role: 'admin', path: (f) => `/groups/${f.groupSlug}/members/${f.memberId}/promote`, fields: () => ({}) },
  { route: '/groups/:slug/members/:id/demote', role: 'admin', path: (f) => `/groups/${f.groupSlug}/members/${f.memberId}/demote`, fields: () => ({}) },
  { route: '/groups/:slug/members/:id/remove', role: 'admin', path: (f) => `/groups/${f.groupSlug}/members/${f.memberId}/remove`, fields: () => ({}) },
  // forum
  { route: '/forum/new', role: 'admin', path: () => '/forum/new', fields: (f) => ({ categoryId: String(f.categoryId), kind: 'question', title: 'Wie organisiert ihr Bürgerhaushalte?', body: text, tags: 'haushalt', action: 'post', checked: '1' }) },
  { route: '/forum/threads/:id/promote', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/promote`, fields: () => ({ guideId: '1', chapterId: '', newChapterTitle: 'Aus dem Forum', markdown: text }) },
  { route: '/forum/threads/:id/replies', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/replies`, fields: (f) => ({ body: text, parentId: String(f.replyId), action: 'post' }) },
  { route: '/forum/threads/:id/edit', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/edit`, fields: () => ({ title: 'Wie organisiert ihr Bürgerhaushalte?', body: text, tags: 'haushalt', action: 'post' }) },
  { route: '/forum/replies/:id/edit', role: 'admin', path: (f) => `/forum/replies/${f.replyId}/edit`, fields: () => ({ body: text, action: 'post' }) },
  { route: '/forum/replies/:id/delete', role: 'admin', path: () => '/forum/replies/2147483647/delete', fields: () => ({}) },
  { route: '/forum/replies/:id/vote', role: 'admin', path: (f) => `/forum/replies/${f.replyId}/vote`, fields: () => ({ value: '1' }) },
  { route: '/forum/replies/:id/accept', role: 'admin', path: (f) => `/forum/replies/${f.replyId}/accept`, fields: () => ({}) },
  { route: '/forum/threads/:id/unaccept', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/unaccept`, fields: () => ({}) },
  { route: '/forum/follow', role: 'admin', path: () => '/forum/follow', fields: (f) => ({ targetType: 'thread', targetId: String(f.threadId), level: 'watching', next: '/forum' }) },
  { route: '/forum/threads/:id/flag', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/flag`, fields: () => ({ reason: 'other', text: 'Bitte prüfen' }) },
  { route: '/forum/threads/:id/dismiss-flags', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/dismiss-flags`, fields: () => ({}) },
  { route: '/forum/threads/:id/hide', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/hide`, fields: () => ({ reason: 'Enthält Personendaten' }) },
  { route: '/forum/threads/:id/unhide', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/unhide`, fields: () => ({ reason: 'Geprüft' }) },
  ...['lock', 'unlock', 'pin', 'unpin'].map((what): FormCase => ({ route: `/forum/threads/:id/${what}`, role: 'admin', path: (f) => `/forum/threads/${f.threadId}/${what}`, fields: () => ({}) })),
  { route: '/forum/threads/:id/move', role: 'admin', path: (f) => `/forum/threads/${f.threadId}/move`, fields: (f) => ({ categoryId: String(f.categoryId) }) },
  { route: '/forum/threads/:id/merge', role: 'admin', path: (f) => `/forum/threads/${f.otherThreadId}/merge`, fields: () => ({ targetId: '2147483647' }) },
  { route: '/forum/admin/categories', role: 'admin', path: () => '/forum/admin/categories', fields: () => ({ name: 'Fuzz', slug: 'fuzz', description: text, position: '5', isPublic: '1' }) },
  { route: '/forum/admin/categories/:id', role: 'admin', path: (f) => `/forum/admin/categories/${f.categoryId}`, fields: () => ({ name: 'Fuzz', slug: 'fuzz-kat', description: text, position: '5', isPublic: '1' }) },
  ...['archive', 'unarchive', 'up', 'down'].map((what): FormCase => ({ route: `/forum/admin/categories/:id/${what}`, role: 'admin', path: (f) => `/forum/admin/categories/${f.categoryId}/${what}`, fields: () => ({}) })),
  // recognition: the Kompetenzpass settings (the admin's own pass)
  { route: '/members/:handle/kompetenzpass/visibility', role: 'admin', path: (f) => `/members/${f.admin.handle}/kompetenzpass/visibility`, fields: () => ({ visibility: 'public' }) },
  { route: '/members/:handle/kompetenzpass/link', role: 'admin', path: (f) => `/members/${f.admin.handle}/kompetenzpass/link`, fields: () => ({}) },
  { route: '/members/:handle/kompetenzpass/link/delete', role: 'admin', path: (f) => `/members/${f.admin.handle}/kompetenzpass/link/delete`, fields: () => ({}) },
  // academy
  { route: '/academy/quizzes/:slug/attempts', role: 'admin', path: () => '/academy/quizzes/does-not-exist/attempts', fields: () => ({}) },
  { route: '/academy/attempts/:id/pages/:page', role: 'admin', path: (f) => `/academy/attempts/${f.attemptId}/pages/1`, fields: () => ({ q1: 'a', q2: ['a', 'b'], nav: 'next' }) },
  { route: '/academy/attempts/:id/submit', role: 'admin', path: () => '/academy/attempts/2147483647/submit', fields: () => ({}) },
  { route: '/academy/certificates/:id/revoke', role: 'admin', path: () => '/academy/certificates/unknown/revoke', fields: () => ({ reason: 'Versehentlich vergeben' }) },
  { route: '/academy/manage/quizzes/new', role: 'admin', path: () => '/academy/manage/quizzes/new', fields: () => ({ slug: 'fuzz-quiz', title: 'Fuzz-Quiz', intro: '', language: 'de', passMark: '70', attemptLimit: '', timeLimitMinutes: '', questionsPerPage: '10', feedbackPolicy: 'after_attempt', source: 'Frage? {T}' }), multipart: true },
  { route: '/academy/manage/quizzes/:slug/edit', role: 'admin', path: (f) => `/academy/manage/quizzes/${f.quizSlug}/edit`, fields: () => ({ title: 'Fuzz-Quiz', intro: '', language: 'de', passMark: '70', attemptLimit: '', timeLimitMinutes: '', questionsPerPage: '10', feedbackPolicy: 'after_attempt', source: 'Frage? {T}' }), multipart: true },
  { route: '/academy/manage/courses/new', role: 'admin', path: () => '/academy/manage/courses/new', fields: (f) => ({ slug: 'fuzz-kurs', title: 'Fuzz-Kurs', summary: text, language: 'de', guideSlugs: f.guideSlug, quizSlugs: f.quizSlug }) },
  { route: '/academy/manage/courses/:slug/edit', role: 'admin', path: () => '/academy/manage/courses/does-not-exist/edit', fields: () => ({ title: 'Fuzz-Kurs', summary: text, language: 'de', guideSlugs: '', quizSlugs: '' }) },
  { route: '/academy/manage/quizzes/:slug/translations/:lang', role: 'admin', path: (f) => `/academy/manage/quizzes/${f.quizSlug}/translations/en`, fields: () => ({ title: 'Fuzz quiz', intro: '', source: 'Question? {T}' }), multipart: true },
  { route: '/academy/manage/courses/:slug/translations/:lang', role: 'admin', path: (f) => `/academy/manage/courses/${f.courseSlug}/translations/en`, fields: () => ({ title: 'Fuzz course', summary: text }) },
  { route: '/academy/manage/quizzes/:slug/extra-attempts', role: 'admin', path: (f) => `/academy/manage/quizzes/${f.quizSlug}/extra-attempts`, fields: (f) => ({ handle: f.other.handle, reason: 'Technisches Problem' }) },
  // recognition: the leaderboard opt-in (the notice's buttons and the settings page)
  { route: '/recognition/settings', role: 'admin', path: () => '/recognition/settings', fields: () => ({ leaderboardVisible: 'yes', from: 'settings' }) },
  { route: '/recognition/badges/:key/grant', role: 'admin', path: () => '/recognition/badges/speaker/grant', fields: (f) => ({ handle: f.other.handle, reason: 'Vortrag auf der Konferenz' }) },
  // media: training videos (uploads and embeds on a chapter or course, tracks, publishing, consent)
  { route: '/media/chapters/:id/videos', role: 'admin', path: (f) => `/media/chapters/${f.chapterId}/videos`, fields: () => ({ title: 'Fuzz-Video', description: text }), multipart: true },
  { route: '/media/courses/:id/videos', role: 'admin', path: () => '/media/courses/2147483647/videos', fields: () => ({ title: 'Fuzz-Video', description: text }), multipart: true },
  { route: '/media/chapters/:id/embeds', role: 'admin', path: (f) => `/media/chapters/${f.chapterId}/embeds`, fields: () => ({ url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', embedTitle: 'Fuzz-Video', embedDescription: text }) },
  { route: '/media/courses/:id/embeds', role: 'admin', path: () => '/media/courses/2147483647/embeds', fields: () => ({ url: 'https://vimeo.com/76979871', embedTitle: 'Fuzz-Video', embedDescription: text }) },
  { route: '/media/consent', role: 'visitor', path: () => '/media/consent', fields: (f) => ({ provider: 'youtube', next: `/guides/${f.guideSlug}`, remember: '1' }) },
  { route: '/media/videos/:id/tracks', role: 'admin', path: (f) => `/media/videos/${f.videoId}/tracks`, fields: () => ({ kind: 'captions', language: 'de' }), multipart: true },
  { route: '/media/videos/:id/tracks/:kind/:language/delete', role: 'admin', path: (f) => `/media/videos/${f.videoId}/tracks/captions/de/delete`, fields: () => ({}) },
  { route: '/media/videos/:id/publish', role: 'admin', path: (f) => `/media/videos/${f.videoId}/publish`, fields: () => ({}) },
  { route: '/media/videos/:id/unpublish', role: 'admin', path: () => '/media/videos/00000000-0000-4000-8000-000000000000/unpublish', fields: () => ({}) },
  { route: '/media/videos/:id/delete', role: 'admin', path: () => '/media/videos/00000000-0000-4000-8000-000000000000/delete', fields: () => ({}) },
  // watching requirements of courses (the fixture's video is a chapter's: progress and the switch are refused)
  { route: '/media/videos/:id/progress', role: 'admin', path: (f) => `/media/videos/${f.videoId}/progress`, fields: () => ({ tenths: '0,1,2,9' }) },
  { route: '/media/videos/:id/watched', role: 'admin', path: (f) => `/media/videos/${f.videoId}/watched`, fields: () => ({}) },
  { route: '/media/videos/:id/required', role: 'admin', path: (f) => `/media/videos/${f.videoId}/required`, fields: () => ({ required: 'yes' }) },
  // media: timed comments (post, edit, delete, flag, hide / show, dismiss flags)
  { route: '/media/videos/:id/comments', role: 'admin', path: (f) => `/media/videos/${f.commentVideoId}/comments`, fields: () => ({ at: '0:30', body: text }) },
  { route: '/media/comments/:id/edit', role: 'admin', path: (f) => `/media/comments/${f.ownVideoCommentId}/edit`, fields: () => ({ at: '1:02:03', body: text }) },
  { route: '/media/comments/:id/delete', role: 'admin', path: () => '/media/comments/2147483647/delete', fields: () => ({}) },
  { route: '/media/comments/:id/flag', role: 'admin', path: (f) => `/media/comments/${f.videoCommentId}/flag`, fields: () => ({ reason: 'Bitte prüfen, unpassend.' }) },
  { route: '/media/comments/:id/hide', role: 'admin', path: (f) => `/media/comments/${f.videoCommentId}/hide`, fields: () => ({ reason: 'Verstößt gegen die Regeln.' }) },
  { route: '/media/comments/:id/show', role: 'admin', path: (f) => `/media/comments/${f.videoCommentId}/show`, fields: () => ({ reason: 'Nach Prüfung in Ordnung.' }) },
  { route: '/media/comments/:id/dismiss-flags', role: 'admin', path: (f) => `/media/comments/${f.videoCommentId}/dismiss-flags`, fields: () => ({}) },
  { route: '/recognition/assertions/:id/revoke', role: 'admin', path: () => '/recognition/assertions/00000000-0000-4000-8000-000000000000/revoke', fields: () => ({ reason: 'Versehentlich vergeben' }) },
];

/** The test files the catalogue is split into, so that jest runs them in parallel; each route is in exactly one (checked in fuzz-routes.test.ts). */
export const FUZZ_FILES = {
  'academy': { label: 'academy', routes: /^\/academy\// },
  'recognition-badges': { label: 'recognition: badge grant and revocation', routes: /^\/recognition\/(badges|assertions)\// },
  'accounts-sign-in': { label: 'sign-in', routes: /^\/login(\/|$)/ },
  'accounts-sign-up': { label: 'registration, sign-out, password reset', routes: /^\/(register|logout|password)(\/|$)/ },
  'accounts': { label: 'account, administration, admin and pages forms', routes: /^\/(admin|me|language|barrierefreiheit)(\/|$)/ },
  'notifications': { label: 'notifications (read marks, settings, one-click unsubscribe)', routes: /^\/notifications\// },
  'forum-moderation': { label: 'forum moderation', routes: /^\/forum\/(admin\/|threads\/:id\/(dismiss-flags|hide|unhide|lock|unlock|pin|unpin|move|merge)$)/ },
  'forum-posts': { label: 'forum posts', routes: /^\/forum\/(new|follow|replies\/|threads\/:id\/(promote|replies|edit|unaccept|flag)$)/ },
  'events-core': { label: 'events (create, edit, cancel, registration, attendance, calendar feed)', routes: /^\/events($|\/calendar(\/|$)|\/:ref\/)/ },
  'events-prevote': { label: 'event pre-vote and agenda', routes: /^\/events\/:id\/(prevote|agenda)(\/|$)/ },
  'events-groups': { label: 'working groups (group, linked use cases, publications)', routes: /^\/groups($|\/:slug\/(edit|use-cases|publications)(\/|$))/ },
  'events-groups-membership': { label: 'working-group membership', routes: /^\/groups\/:slug\/(join|request|invitation|leave|invite|members)(\/|$)/ },
  'events-results': { label: 'event results (minutes, files, outcome links)', routes: /^\/events\/:id\/(minutes|attachments|outcomes)(\/|$)/ },
  'guides': { label: 'guides', routes: /^\/guides(\/|$)/ },
  'recognition': { label: 'recognition (Kompetenzpass settings)', routes: /^\/members\/:handle\/kompetenzpass\// },
  'recognition-leaderboards': { label: 'recognition: leaderboard opt-in', routes: /^\/recognition\/settings$/ },
  'usecases-editing': { label: 'use-case editing', routes: /^\/use-cases($|\/:slug\/(edit|editors|contacts|contact|verify))/ },
  'usecases-engagement': { label: 'use-case engagement', routes: /^\/use-cases\/:slug\/(follow|unfollow|comments|adoption|derive|attachments)/ },
  'usecases-translations': { label: 'use-case translations (text, approve, refuse)', routes: /^\/use-cases\/:slug\/translations(\/|$)/ },
  'recognition-microdegrees': { label: 'micro-degrees', routes: /^\/recognition\/microdegrees(\/|$)/ },
  'media': { label: 'training videos (uploads, embeds, tracks, publishing, consent, timed comments)', routes: /^\/media\// },
  'onboarding': { label: 'onboarding (welcome page) and use-case topic follows', routes: /^\/(welcome|use-cases\/topics)(\/|$)/ },
} as const;

export async function createFixtures(t: TestApp): Promise<{ fx: Fixtures; admin: Browser; visitor: Browser }> {
  const ds = t.ctx.ds;
  const administration = await createAdministration(ds);
  const totpSecret = generateTotpSecret();
  const admin = { ...(await createUser(ds, { role: 'admin', totpSecret, administrationId: administration.id })), totpSecret };
  const other = await createUser(ds, { administrationId: administration.id });
  const pending = await createUser(ds, { status: 'pending', administrationId: null });
  const category = await createCategory(ds);
  const thread = await createThread(ds, { category, author: admin });
  const otherThread = await createThread(ds, { category, author: admin });
  const reply = await createReply(ds, thread, { author: other });
  const uc = await createUseCase(ds, { administrationId: administration.id, createdById: admin.id });
  // Two sections, so the translation form has fields for translated sections.
  await ds.query(`UPDATE use_cases SET narrative = $2, narrative_html = $3 WHERE id = $1`, [uc.id,
    JSON.stringify({ situation: 'Die Ausgangslage.', goal: 'Das Ziel.' }), JSON.stringify({ situation: '<p>Die Ausgangslage.</p>', goal: '<p>Das Ziel.</p>' })]);
  const [comment] = await ds.query(`INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'Kommentar', '<p>Kommentar</p>') RETURNING id`, [uc.id, other.id]);
  const guide = await createGuide(ds, { owner: admin });
  const [g] = await ds.query(`SELECT published_revision_id AS r FROM guides WHERE id = $1`, [guide.id]);
  const quiz = await createQuiz(ds);
  const course = await createCourse(ds, [quiz.slug]);
  const browser = await signedIn(t.app, admin);
  const started = await browser.post(`/academy/quizzes/${quiz.slug}/attempts`, {});
  const attemptId = Number(/\/academy\/attempts\/(\d+)/.exec(started.headers.location ?? '')?.[1] ?? 0);
  const [n] = await ds.query(`SELECT id FROM notifications ORDER BY id DESC LIMIT 1`);
  const [event] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, visibility)
     VALUES ('fuzz-event@praxis.test', 'fuzz-werkstatt', 'Fuzz-Werkstatt', 'workshop', 'online', now() - interval '1 day', now() - interval '20 hours', 'public') RETURNING id`);
  const [registration] = await ds.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered') RETURNING id`, [event.id, other.id]);
  const [futureEvent] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, place, online_url, capacity, visibility)
     VALUES ('fuzz-future@praxis.test', 'fuzz-zukunft', 'Fuzz-Zukunft', 'workshop', 'hybrid', now() + interval '30 days', now() + interval '30 days 4 hours',
             'Rathaus', 'https://meet.example/fuzz', 2, 'network') RETURNING id`);
  const [prevoteEvent] = await ds.query(
    `INSERT INTO events (uid, slug, title, kind, format, starts_at, ends_at, visibility)
     VALUES ('fuzz-prevote@praxis.test', 'fuzz-vorabstimmung', 'Fuzz-Vorabstimmung', 'barcamp', 'online', now() + interval '40 days', now() + interval '40 days 6 hours', 'network') RETURNING id`);
  const [prevote] = await ds.query(
    `INSERT INTO prevotes (event_id, question, proposals_close_at, closes_at, votes_per_person, max_per_topic, created_by_id)
     VALUES ($1, 'Welche Themen sollen wir vertiefen?', now() + interval '10 days', now() + interval '20 days', 3, 2, $2) RETURNING id`, [prevoteEvent.id, admin.id]);
  const [topic] = await ds.query(`INSERT INTO prevote_topics (prevote_id, title, proposer_id) VALUES ($1, 'Bürgerräte', $2) RETURNING id`, [prevote.id, other.id]);
  const [otherTopic] = await ds.query(`INSERT INTO prevote_topics (prevote_id, title, proposer_id) VALUES ($1, 'Jugendbeteiligung', $2) RETURNING id`, [prevote.id, other.id]);
  const [item] = await ds.query(`INSERT INTO event_agenda_items (event_id, position, title) VALUES ($1, 1, 'Begrüßung') RETURNING id`, [prevoteEvent.id]);
  await ds.query(`INSERT INTO event_agenda_items (event_id, position, title) VALUES ($1, 2, 'Abschluss')`, [prevoteEvent.id]);
  const member = await createUser(ds, { administrationId: administration.id });
  const requester = await createUser(ds, { administrationId: administration.id });
  const otherRequester = await createUser(ds, { administrationId: administration.id });
  const invitee = await createUser(ds, { administrationId: administration.id });
  const group = await createGroup(ds, { membership: 'open', lead: other, members: [member], requested: [requester, otherRequester], invited: [admin] });
  const pub = await createPublication(ds, group.id, other);
  const reviewPub = await createPublication(ds, group.id, other, { status: 'in_review' });
  const publishedPub = await createPublication(ds, group.id, other, { status: 'published' });
  const [microdegree] = await ds.query(
    `INSERT INTO recognition_microdegrees (slug, title, competences, requirements, created_by)
     VALUES ('fuzz-micro-degree', 'Fuzz-Micro-Degree', '{methods-formats}', '[{"type":"badge","key":"fuzz-abzeichen"}]', $1) RETURNING slug`, [admin.id]);
  const [chapter] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guide.id]);
  const [video] = await ds.query(
    `INSERT INTO media_videos (chapter_id, kind, title, embed_provider, embed_url, status) VALUES ($1, 'embed', 'Fuzz-Video', 'youtube', 'https://youtu.be/aqz-KE-bpKQ', 'ready') RETURNING id`, [chapter.id]);
  const [commentVideo] = await ds.query(
    `INSERT INTO media_videos (chapter_id, kind, title, storage_key, content_type, status, duration_ms, published_at)
     VALUES ($1, 'upload', 'Fuzz-Video mit Kommentaren', 'fuzz-comments.webm', 'video/webm', 'ready', 600000, now()) RETURNING id`, [chapter.id]);
  const [videoComment] = await ds.query(
    `INSERT INTO media_video_comments (video_id, author_id, at_ms, body, body_html) VALUES ($1, $2, 30000, 'Kommentar', '<p>Kommentar</p>') RETURNING id`, [commentVideo.id, other.id]);
  const [ownVideoComment] = await ds.query(
    `INSERT INTO media_video_comments (video_id, author_id, at_ms, body, body_html) VALUES ($1, $2, 60000, 'Eigener', '<p>Eigener</p>') RETURNING id`, [commentVideo.id, admin.id]);
  const pendingTranslation = async (useCaseId: number) => (await ds.query(
    `INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, source_title, source_summary, origin, status, author_id)
     SELECT id, 'en', 'Participatory budget', 'A short summary in English.', title, summary, 'app', 'pending', $2::int FROM use_cases WHERE id = $1 RETURNING id`,
    [useCaseId, other.id]))[0].id as number;
  const refuseUc = await createUseCase(ds, { administrationId: administration.id, createdById: admin.id });
  const fx: Fixtures = {
    admin, other, pending, adminSlug: administration.slug, categoryId: category.id, threadId: thread.id, otherThreadId: otherThread.id,
    replyId: reply.id, ucSlug: uc.slug, commentId: comment.id, guideSlug: guide.slug, guideRevision: g.r, quizSlug: quiz.slug, courseSlug: course.slug, attemptId,
    notificationId: n?.id ?? 1, unsubscribeToken: unsubscribeToken(t.ctx.config.sessionSecret, admin.id, 'mention'), eventId: event.id, ucId: uc.id, registrationId: registration.id, futureEventId: futureEvent.id,
    prevoteEventId: prevoteEvent.id, topicId: topic.id, otherTopicId: otherTopic.id, agendaItemId: item.id,
    groupSlug: group.slug, memberId: member.id, requesterId: requester.id, otherRequesterId: otherRequester.id,
    inviteeHandle: invitee.handle, pubSlug: pub.slug, reviewPubSlug: reviewPub.slug, publishedPubSlug: publishedPub.slug,
    microdegreeSlug: microdegree.slug, chapterId: chapter.id, videoId: video.id,
    commentVideoId: commentVideo.id, videoCommentId: videoComment.id, ownVideoCommentId: ownVideoComment.id,
    ucTranslationRevisionId: await pendingTranslation(uc.id), refuseUcSlug: refuseUc.slug, refuseRevisionId: await pendingTranslation(refuseUc.id),
  };
  const visitor = new Browser(t.app);
  await visitor.get('/login');
  return { fx, admin: browser, visitor };
}

// --- hostile values -------------------------------------------------------------------------

/** A field's value as sent: already percent-encoded pieces (one per repetition of the field). */
interface Sent { raw: string[]; damaged: boolean; big: boolean }

/** Percent-encodes any JS string, lone surrogates included (as the bytes a sloppy encoder would send). */
export function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

const INVALID_UTF8 = ['%FF', '%C3', '%C3%28', '%E0%80%80', '%F8%88%80%80%80', '%80', '%ED%A0%80', '%ED%B0%80', '%C0%AF'];
const NUMBERS = ['99999999999999999999', '2147483648', '2147483647', '-1', '-2147483649', '0', '1e308', '9007199254740993', '1.5', 'NaN', 'Infinity', ' 12 ', '0x10', '-0'];
const ONE_MB = 'x'.repeat(1024 * 1024 + 10);

/** One damaged, odd or missing value in place of a valid one (null: the field is left out). */
const mutationArb = (valid: string): fc.Arbitrary<Sent | null> => {
  const plain = (s: string, damaged = false, big = false): Sent => ({ raw: [encodeLoose(s)], damaged, big });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) }, // missing
    { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => plain(`${a}\u0000${b}`, true)) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 10 })).map(([bad, s]) => ({ raw: [`${encodeLoose(s)}${bad}`], damaged: true, big: false })) },
    { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udfff', 'a\udc00b').map((s) => plain(s, true)) },
    { weight: 5, arbitrary: fc.constantFrom(...NUMBERS).map((s) => plain(s)) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => plain(s, !isStorableText(s))) },
    { weight: 4, arbitrary: fc.constantFrom(valid, 'x', '', '1', '-1', '99999999999').map((b) => ({ raw: [encodeLoose(valid), encodeLoose(b)], damaged: false, big: false })) }, // an array for a string
    { weight: 2, arbitrary: fc.string({ maxLength: 3000 }).map((s) => plain(valid + s)) },
    { weight: 1, arbitrary: fc.constant<Sent>({ raw: [ONE_MB], damaged: false, big: true }) }, // only 'x': encoded as it is
  );
};

/** A case: the valid form with one to three fields replaced (or an unexpected field added). */
export const caseArb = (fields: Record<string, string | string[]>) => {
  const names = [...Object.keys(fields), 'x', 'id', 'userId', 'role'];
  const validOf = (k: string) => { const v = fields[k]; return Array.isArray(v) ? (v[0] ?? '') : (v ?? '1'); };
  return fc.array(fc.constantFrom(...names).chain((k) => mutationArb(validOf(k)).map((m) => [k, m] as const)), { minLength: 0, maxLength: 3 })
    .map((mutations) => {
      const values = new Map<string, Sent | null>(Object.entries(fields).map(([k, v]) => [k, { raw: (Array.isArray(v) ? v : [v]).map(encodeLoose), damaged: false, big: false }]));
      for (const [k, m] of mutations) values.set(k, m);
      return [...values].filter((e): e is [string, Sent] => e[1] !== null);
    });
};

// --- running the cases ------------------------------------------------------------------------

/**
 * A fingerprint per table, except `session` and `rate_limit_hits` (every request may touch its own
 * session, and a refused request still counts towards its limit): the row count and
 * the newest row version (xmin: any insert or update gives the row the writing transaction's id;
 * a delete lowers the count). Cheaper than hashing every row, and as strict for "nothing written".
 */
let fingerprintSql: string | undefined;
export async function databaseDigest(ds: DataSource): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables: { t: string }[] = await ds.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('session', 'migrations', 'rate_limit_hits') ORDER BY 1`);
    fingerprintSql = `SELECT ${tables.map(({ t }) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t}") AS "${t}"`).join(', ')}`;
  }
  return (await ds.query(fingerprintSql))[0];
}

function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(b).filter((k) => a[k] !== b[k]);
}

export async function runForm(t: TestApp, form: FormCase, ctx: { fx: Fixtures; admin: Browser; visitor: Browser }, numRuns: number): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  const browser = form.role === 'admin' ? ctx.admin : ctx.visitor;
  let token = csrfIn((await browser.get('/barrierefreiheit')).text);
  let before = await databaseDigest(t.ctx.ds);
  const path = form.path(ctx.fx);
  await fc.assert(
    fc.asyncProperty(caseArb(form.fields(ctx.fx)), async (entries) => {
      const damaged = entries.some(([, v]) => v.damaged);
      const big = entries.some(([, v]) => v.big);
      let res;
      if (form.multipart) {
        let req = browser.agent.post(`${path}?_csrf=${encodeURIComponent(token)}`);
        for (const [k, v] of entries) for (const raw of v.raw) req = req.field(k, safeDecode(raw));
        res = await req.attach('file', Buffer.from('Frage? {T}\n'), 'fuzz.txt');
      } else {
        const body = [`_csrf=${encodeURIComponent(token)}`, ...entries.flatMap(([k, v]) => v.raw.map((raw) => `${encodeURIComponent(k)}=${raw}`))].join('&');
        res = await browser.agent.post(path).type('form').send(body);
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) throw new Error(`${form.route}: ${res.status} for ${JSON.stringify(entries.map(([k, v]) => [k, v.raw.map((r) => r.slice(0, 80))]))}`);
      if (damaged && !big && !form.multipart) expect(res.status).toBe(400);
      if (big && !form.multipart) expect(res.status).toBe(413);
      const after = await databaseDigest(t.ctx.ds);
      if (res.status >= 400) {
        const changed = changedTables(before, after).filter((x) => !(form.mayWrite ?? []).includes(x));
        if (changed.length) throw new Error(`${form.route}: refused with ${res.status} but changed ${changed.join(', ')}`);
      }
      before = after;
      if (form.route === '/logout' || res.status === 403) token = csrfIn((await browser.get('/barrierefreiheit')).text);
    }),
    { numRuns, endOnFailure: true },
  );
  return statuses;
}

/** Multipart fields are text: percent-encoded pieces are decoded leniently (invalid bytes become U+FFFD). */
function safeDecode(raw: string): string {
  return Buffer.from(raw.replace(/%([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

/**
 * One fuzz test file (tests/web/fuzz-forms-<file>.test.ts): a database of its own, the fixtures,
 * and 100 cases for each form whose route matches the file's pattern. FUZZ_RUNS=n runs n cases
 * instead (a deeper search by hand); FUZZ_STATUSES=1 prints each form's answers (does the valid form
 * still get through after the fixtures changed?).
 */
export function fuzzForms(file: keyof typeof FUZZ_FILES, numRuns = Number(process.env.FUZZ_RUNS) || 100): void {
  const { label, routes } = FUZZ_FILES[file];
  describe(`fuzzed forms: ${label}`, () => {
    const env = usePrivateDatabase();
    const t = useTestApp(env);
    let ctx: Awaited<ReturnType<typeof createFixtures>>;
    beforeAll(async () => {
      ctx = await createFixtures(t);
    }, 120_000);
    const forms = FORMS.filter((f) => routes.test(f.route));
    it('covers some forms', () => expect(forms.length).toBeGreaterThan(0));
    for (const form of forms) {
      it(`POST ${form.route}: no 5xx, damaged text 400, nothing stored on refusal`, async () => {
        const statuses = await runForm(t, form, ctx, numRuns);
        if (process.env.FUZZ_STATUSES) console.log(form.route, JSON.stringify(statuses));
      }, 600_000); // 100 cases, some with 1 MB bodies or password hashing: minutes on a loaded machine
    }
  });
}
