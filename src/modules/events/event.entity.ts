// Events (workshops, meetups, webinars, barcamps, conferences, working-group meetings) and the
// registrations for them, with a waiting list.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const EVENT_KINDS = ['workshop', 'meetup', 'webinar', 'barcamp', 'conference', 'group_meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
/** network: signed-in members; public: everyone; group: the working group's members only. */
export const EVENT_VISIBILITY = ['network', 'public', 'group'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITY)[number];
export const REGISTRATION_STATUS = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUS)[number];

@Entity('events')
@Check('events_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('events_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('events_kind_check', `kind IN ('workshop', 'meetup', 'webinar', 'barcamp', 'conference', 'group_meeting')`)
@Check('events_format_check', `format IN ('in_person', 'online', 'hybrid')`)
@Check('events_capacity_check', `capacity IS NULL OR capacity > 0`)
@Check('events_visibility_check', `visibility IN ('network', 'public', 'group')`)
@Check('events_language_check', `language IN ('de', 'en')`)
@Check('events_time_check', `ends_at > starts_at`)
@Check('events_group_visibility_check', `visibility <> 'group' OR group_id IS NOT NULL`)
@Index('events_starts_idx', ['startsAt'])
@Index('events_group_idx', ['groupId'], { where: 'group_id IS NOT NULL' })
export class Event {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  /** The iCalendar UID: fixed at creation, stable across edits. */
  @Column({ type: 'text', unique: true }) uid!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) kind!: EventKind;
  @Column({ type: 'text' }) format!: EventFormat;
  @Column({ type: 'text', default: '' }) descriptionSource!: string;
  @Column({ type: 'text', default: '' }) descriptionHtml!: string;
  @Column({ type: 'timestamptz' }) startsAt!: Date;
  @Column({ type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'text', default: '' }) place!: string;
  /** Shown only to registered participants and facilitators. */
  @Column({ type: 'text', default: '' }) onlineUrl!: string;
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) registrationOpensAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) registrationClosesAt!: Date | null;
  @Column({ type: 'text', default: 'network' }) visibility!: EventVisibility;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'integer', nullable: true }) @ForeignKey('Administration', { onDelete: 'SET NULL' }) organiserAdministrationId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('WorkingGroup', { onDelete: 'SET NULL' }) groupId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdById!: number | null;
  /** iCalendar SEQUENCE: raised on every change participants must know about. */
  @Column({ type: 'integer', default: 0 }) sequence!: number;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'text', default: '' }) cancelReason!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('event_registrations')
@Check('event_registrations_status_check', `status IN ('registered', 'waiting', 'cancelled')`)
@Unique('event_registrations_event_user_key', ['eventId', 'userId'])
@Index('event_registrations_status_idx', ['eventId', 'status', 'waitingSince'])
@Index('event_registrations_user_idx', ['userId'])
export class EventRegistration {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) status!: RegistrationStatus;
  /** Position on the waiting list: the earliest is promoted first. */
  @Column({ type: 'timestamptz', nullable: true }) waitingSince!: Date | null;
  /** The participant agreed that facilitators' participant export may include their e-mail address. */
  @Column({ type: 'boolean', default: false }) shareEmail!: boolean;
  @Column({ type: 'boolean', nullable: true }) attended!: boolean | null;
  @Column({ type: 'timestamptz', nullable: true }) remindedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A member's private calendar feed: only the token's SHA-256 is stored; a new token replaces the old. */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text', unique: true }) tokenHash!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The events' entities; later event tables are added here. */
export const eventEntities = [Event, EventRegistration, CalendarFeed];
