// What a member can choose per kind of notification: in the app only, an e-mail at once (batched
// per thread), or in the digest. Kinds (notify()'s `kind`) fall into groups; the settings page
// lists the groups. A kind not listed here belongs to 'other'.
import { languageName } from '../../shared/content-language.js';

export const NOTIFICATION_GROUPS = [
  'mention', 'replyToMine', 'accepted', 'followed', 'likeMine', 'adoption', 'review', 'certificate', 'events', 'other',
] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

export const CHANNELS = ['app', 'email', 'digest'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Defaults: what is about me and needs me comes at once; what I follow waits for the digest. */
export const DEFAULT_CHANNEL: Record<NotificationGroup, Channel> = {
  mention: 'email', replyToMine: 'email', accepted: 'email', followed: 'digest', likeMine: 'digest',
  adoption: 'email', review: 'email', certificate: 'app', events: 'email', other: 'app',
};

export const KIND_GROUP: Record<string, NotificationGroup> = {
  'forum.mention': 'mention',
  'forum.replyToMe': 'replyToMine', 'forum.answerToMine': 'replyToMine', 'usecase.reply': 'replyToMine', 'usecase.comment': 'replyToMine',
  'forum.accepted': 'accepted',
  'forum.reply': 'followed', 'forum.newThread': 'followed', 'usecase.updated': 'followed', 'usecase.published': 'followed',
  'group.publicationPublished': 'followed',
  'usecase.likeMine': 'likeMine', 'usecase.followedTopic': 'likeMine',
  'usecase.adopted': 'adoption', 'usecase.implemented': 'adoption', 'usecase.adoptionStopped': 'adoption',
  'guides.reviewRequested': 'review', 'guides.reviewDue': 'review', 'usecase.reviewDue': 'review', 'guides.approved': 'review',
  'guides.changesRequested': 'review', 'group.publicationSubmitted': 'review', 'usecase.flag': 'review',
  // Use-case translations (four eyes): one waits for review; the translator hears the decision.
  'usecase.translationReview': 'review', 'usecase.translationApproved': 'review', 'usecase.translationRefused': 'review',
  'academy.certificate': 'certificate', 'recognition.badge': 'certificate', 'recognition.microdegree': 'certificate',
  'event.changed': 'events', 'event.cancelled': 'events', 'event.promoted': 'events', 'event.reminder': 'events',
  'prevote.closed': 'events', 'prevote.merged': 'events', 'prevote.rejected': 'events',
  // Timed comments on training videos: to the chapter's owner; a flag to the facilitators.
  'media.comment': 'replyToMine', 'media.commentFlag': 'review',
};

/**
 * The values of a kind's message in the reader's language: as stored, and a content language stored
 * as its code (`contentLanguage`, e.g. a translation's) also by its name in that language (`language`).
 */
export function messageVars(lang: string, vars: Record<string, string | number>): Record<string, string | number> {
  return typeof vars.contentLanguage === 'string' ? { ...vars, language: languageName(vars.contentLanguage, lang) } : vars;
}

export function groupOf(kind: string): NotificationGroup {
  return KIND_GROUP[kind] ?? 'other';
}

/** SQL: the group of the kind in column `kindCol`. */
export function kindGroupSql(kindCol: string): string {
  const whens = Object.entries(KIND_GROUP).map(([k, g]) => `WHEN '${k}' THEN '${g}'`).join(' ');
  return `(CASE ${kindCol} ${whens} ELSE 'other' END)`;
}

/**
 * SQL: the channel the member in `userCol` chose for the kind in `kindCol` (their row in
 * notification_preferences, else the default).
 */
export function channelSql(userCol: string, kindCol: string): string {
  const group = kindGroupSql(kindCol);
  const defaults = NOTIFICATION_GROUPS.map((g) => `WHEN '${g}' THEN '${DEFAULT_CHANNEL[g]}'`).join(' ');
  return `coalesce((SELECT p.channel FROM notification_preferences p WHERE p.user_id = ${userCol} AND p.kind_group = ${group}),
                   (CASE ${group} ${defaults} END))`;
}

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
/** Without a row in notification_settings: a weekly digest on Monday (ISO weekday 1) at 7:00 Berlin time. */
export const DEFAULT_DIGEST = { frequency: 'weekly' as DigestFrequency, weekday: 1, hour: 7 };
