import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A member who may edit a use case besides its owner. */
@Entity('use_case_editors')
export class UseCaseEditor {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) addedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A member named as contact person of a use case; shown once they opted in. */
@Entity('use_case_contacts')
export class UseCaseContact {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', nullable: true }) optedInAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A member following a use case (notified of its changes). */
@Entity('use_case_follows')
export class UseCaseFollow {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/**
 * A member following a topic (policy area) or method of the use-case library: new use cases with it
 * reach the start page and the notifications (kind usecase.followedTopic).
 */
@Entity('use_case_topic_follows')
@Check('use_case_topic_follows_facet_check', `facet IN ('topic', 'method')`)
@Index('use_case_topic_follows_key_idx', ['facet', 'key'])
export class UseCaseTopicFollow {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'text' }) facet!: 'topic' | 'method';
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
