// The topic pre-vote (Vorab-Abstimmung) of an event, its proposed topics and the members' dots, and
// the event's agenda that the top topics turn into.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const PREVOTE_PROPOSERS = ['network', 'group'] as const;
export type PrevoteProposers = (typeof PREVOTE_PROPOSERS)[number];
export const TOPIC_STATUS = ['proposed', 'rejected', 'merged'] as const;
export type TopicStatus = (typeof TOPIC_STATUS)[number];

@Entity('prevotes')
@Check('prevotes_question_check', `char_length(question) BETWEEN 1 AND 500`)
@Check('prevotes_votes_per_person_check', `votes_per_person BETWEEN 1 AND 20`)
@Check('prevotes_max_per_topic_check', `max_per_topic BETWEEN 1 AND 5`)
@Check('prevotes_proposers_check', `proposers IN ('network', 'group')`)
@Check('prevotes_deadlines_check', `closes_at >= proposals_close_at`)
export class Prevote {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  /** One pre-vote per event. */
  @Column({ type: 'integer', unique: true }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'text' }) question!: string;
  @Column({ type: 'timestamptz' }) proposalsCloseAt!: Date;
  @Column({ type: 'timestamptz' }) closesAt!: Date;
  @Column({ type: 'integer' }) votesPerPerson!: number;
  @Column({ type: 'integer' }) maxPerTopic!: number;
  /** network: every member who may see the event; group: the event's working group's active members. */
  @Column({ type: 'text', default: 'network' }) proposers!: PrevoteProposers;
  /** Interim counts are shown while the vote is open only when this is set. */
  @Column({ type: 'boolean', default: false }) showInterim!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('prevote_topics')
@Check('prevote_topics_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('prevote_topics_description_check', `char_length(description) <= 2000`)
@Check('prevote_topics_status_check', `status IN ('proposed', 'rejected', 'merged')`)
@Index('prevote_topics_prevote_idx', ['prevoteId', 'status'])
@Index('prevote_topics_proposer_idx', ['proposerId'], { where: 'proposer_id IS NOT NULL' })
export class PrevoteTopic {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Prevote', { onDelete: 'CASCADE' }) prevoteId!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) proposerId!: number | null;
  @Column({ type: 'text', default: 'proposed' }) status!: TopicStatus;
  @Column({ type: 'text', default: '' }) rejectReason!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('PrevoteTopic', { onDelete: 'SET NULL' }) mergedIntoId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** "Each department brings its own use case": the proposer's use cases a topic builds on. */
@Entity('prevote_topic_use_cases')
export class PrevoteTopicUseCase {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('PrevoteTopic', { onDelete: 'CASCADE' }) topicId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
}

/** A member's dots on one topic (no row: none). */
@Entity('prevote_votes')
@Check('prevote_votes_dots_check', `dots > 0`)
@Index('prevote_votes_user_idx', ['prevoteId', 'userId'])
@Index('prevote_votes_member_idx', ['userId'])
export class PrevoteVote {
  @Column({ type: 'integer' }) @ForeignKey('Prevote', { onDelete: 'CASCADE' }) prevoteId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('PrevoteTopic', { onDelete: 'CASCADE' }) topicId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer' }) dots!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('event_agenda_items')
@Check('event_agenda_items_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('event_agenda_items_description_check', `char_length(description) <= 2000`)
@Check('event_agenda_items_duration_check', `duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440`)
@Index('event_agenda_items_event_idx', ['eventId', 'position'])
export class EventAgendaItem {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('Event', { onDelete: 'CASCADE' }) eventId!: number;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) durationMinutes!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('PrevoteTopic', { onDelete: 'SET NULL' }) topicId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('event_agenda_presenters')
@Index('event_agenda_presenters_user_idx', ['userId'])
export class EventAgendaPresenter {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('EventAgendaItem', { onDelete: 'CASCADE' }) itemId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
}

@Entity('event_agenda_use_cases')
export class EventAgendaUseCase {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('EventAgendaItem', { onDelete: 'CASCADE' }) itemId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
}

export const prevoteEntities = [Prevote, PrevoteTopic, PrevoteTopicUseCase, PrevoteVote, EventAgendaItem, EventAgendaPresenter, EventAgendaUseCase];
