// After the event: the minutes and results (one Markdown text per event, with its revisions), the
// event's files and the links to what came out of it (use cases, forum threads, guide chapters).
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const MINUTES_STATUS = ['draft', 'accepted'] as const;
export type MinutesStatus = (typeof MINUTES_STATUS)[number];
export const OUTCOME_KINDS = ['use_case', 'thread', 'guide_chapter'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** The current text; `version` counts the saves (an edit names the version it started from). */
@Entity('event_minutes')
@Check('event_minutes_status_check', `status IN ('draft', 'accepted')`)
export class EventMinutes {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'text', default: '' }) bodySource!: string;
  @Column({ type: 'text', default: '' }) bodyHtml!: string;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'text', default: 'draft' }) status!: MinutesStatus;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) updatedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** Every saved version of the minutes (the current one included). */
@Entity('event_minutes_revisions')
@Unique('event_minutes_revisions_event_version_key', ['eventId', 'version'])
export class EventMinutesRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A file of the event, stored under config.uploadDir by storageKey (never by its name). */
@Entity('event_attachments')
@Check('event_attachments_size_bytes_check', `size_bytes > 0`)
@Index('event_attachments_event_idx', ['eventId'])
export class EventAttachment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'text', unique: true }) storageKey!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ type: 'text' }) contentType!: string;
  @Column({ type: 'integer' }) sizeBytes!: number;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) uploadedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** What came out of the event: a use case, a forum thread or a guide chapter (by its id). */
@Entity('event_outcomes')
@Check('event_outcomes_kind_check', `kind IN ('use_case', 'thread', 'guide_chapter')`)
export class EventOutcome {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @PrimaryColumn({ type: 'text' }) kind!: OutcomeKind;
  @PrimaryColumn({ type: 'integer' }) targetId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) addedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export const resultEntities = [EventMinutes, EventMinutesRevision, EventAttachment, EventOutcome];
