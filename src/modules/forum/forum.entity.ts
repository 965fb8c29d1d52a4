// Forum tables as TypeORM entities (for the data source's metadata and typed reads); hot pages
// read with hand-written SQL in forum.queries.ts.
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const THREAD_KINDS = ['question', 'discussion'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export const FOLLOW_LEVELS = ['watching', 'normal', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
export const FOLLOW_TARGETS = ['thread', 'category', 'tag'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];
export const FLAG_REASONS = ['spam', 'off_topic', 'inappropriate', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

@Entity('forum_categories')
export class ForumCategory {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', default: 0 }) position!: number;
  @Column({ type: 'boolean', default: false }) isPublic!: boolean;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('forum_threads')
export class ForumThread {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) categoryId!: number;
  @Column({ type: 'text' }) kind!: ThreadKind;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'integer', nullable: true }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'integer', nullable: true }) acceptedReplyId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) lockedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) pinnedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) mergedIntoId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'boolean', default: false }) hiddenPending!: boolean;
  @Column({ type: 'integer', default: 0 }) replyCount!: number;
  @Column({ type: 'integer', default: 0 }) views!: number;
  @Column({ type: 'timestamptz' }) lastActivityAt!: Date;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  /** Set when the author's account was deleted with its contributions while others had replied. */
  @Column({ type: 'timestamptz', nullable: true }) removedAt!: Date | null;
}

@Entity('forum_replies')
export class ForumReply {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) parentId!: number | null;
  @Column({ type: 'integer', nullable: true }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'integer', default: 0 }) voteCount!: number;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'boolean', default: false }) hiddenPending!: boolean;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
}

@Entity('forum_votes')
export class ForumVote {
  @PrimaryColumn({ type: 'integer' }) replyId!: number;
  @PrimaryColumn({ type: 'integer' }) userId!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('forum_tags')
export class ForumTag {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) name!: string;
}

@Entity('forum_thread_tags')
export class ForumThreadTag {
  @PrimaryColumn({ type: 'integer' }) threadId!: number;
  @PrimaryColumn({ type: 'integer' }) tagId!: number;
}

@Entity('forum_revisions')
export class ForumRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) replyId!: number | null;
  @Column({ type: 'integer', nullable: true }) editorId!: number | null;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('forum_thread_views')
export class ForumThreadView {
  @PrimaryColumn({ type: 'integer' }) threadId!: number;
  @PrimaryColumn({ type: 'integer' }) userId!: number;
  @PrimaryColumn({ type: 'date' }) day!: string;
}

@Entity('forum_follows')
export class ForumFollow {
  @PrimaryColumn({ type: 'integer' }) userId!: number;
  @PrimaryColumn({ type: 'text' }) targetType!: FollowTarget;
  @PrimaryColumn({ type: 'integer' }) targetId!: number;
  @Column({ type: 'text' }) level!: FollowLevel;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('forum_flags')
export class ForumFlag {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) replyId!: number | null;
  @Column({ type: 'integer', nullable: true }) userId!: number | null;
  @Column({ type: 'text' }) reason!: FlagReason;
  @Column({ type: 'text', default: '' }) text!: string;
  @Column({ type: 'text', default: 'open' }) status!: 'open' | 'hidden' | 'dismissed';
  @Column({ type: 'integer', nullable: true }) resolvedBy!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity('forum_mentions')
export class ForumMention {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) replyId!: number | null;
  @Column({ type: 'integer' }) userId!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

export const forumEntities = [ForumCategory, ForumThread, ForumReply, ForumVote, ForumTag, ForumThreadTag,
  ForumRevision, ForumThreadView, ForumFollow, ForumFlag, ForumMention];
