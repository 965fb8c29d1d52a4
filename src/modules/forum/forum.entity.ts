// Forum tables as TypeORM entities (for the data source's metadata and typed reads); hot pages
// read with hand-written SQL in forum.queries.ts.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const THREAD_KINDS = ['question', 'discussion'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export const FOLLOW_LEVELS = ['watching', 'normal', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
export const FOLLOW_TARGETS = ['thread', 'category', 'tag'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];
export const FLAG_REASONS = ['spam', 'off_topic', 'inappropriate', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

@Entity('forum_categories')
@Check('forum_categories_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('forum_categories_language_check', `language IN ('de', 'en')`)
@Check('forum_categories_restricted_check', `NOT (restricted AND is_public)`)
export class ForumCategory {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', default: 0 }) position!: number;
  @Column({ type: 'boolean', default: false }) isPublic!: boolean;
  /** Members only: visible to the members in forum_category_members and to facilitators; never public, never indexed for search. */
  @Column({ type: 'boolean', default: false }) restricted!: boolean;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Threads not merged and not hidden; kept by a trigger on forum_threads (migration 1763700190000). */
  @Column({ type: 'integer', default: 0 }) threadCount!: number;
  /** Of those, questions without an accepted answer; kept by the same trigger. */
  @Column({ type: 'integer', default: 0 }) unansweredCount!: number;
}

/** Who may see a restricted category (kept by the module that owns the group, through the forum's index). */
@Entity('forum_category_members')
@Index('forum_category_members_user_idx', ['userId'])
export class ForumCategoryMember {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumCategory', { onDelete: 'CASCADE' }) categoryId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('forum_threads')
@Check('forum_threads_kind_check', `kind IN ('question', 'discussion')`)
@Check('forum_threads_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('forum_threads_reply_count_check', `reply_count >= 0`)
@Check('forum_threads_language_check', `language IN ('de', 'en')`)
// Expressions ((pinned_at IS NULL)) and descending columns: TypeORM indexes cannot state them.
@Index('forum_threads_latest_idx', { synchronize: false })
@Index('forum_threads_category_idx', { synchronize: false })
@Index('forum_threads_counts_idx', ['categoryId', 'kind', 'acceptedReplyId'], { where: 'merged_into_id IS NULL AND hidden_at IS NULL' })
@Index('forum_threads_unanswered_idx', ['createdAt'], { where: `kind = 'question' AND accepted_reply_id IS NULL AND merged_into_id IS NULL` })
@Index('forum_threads_unanswered_category_idx', ['categoryId', 'createdAt'], { where: `kind = 'question' AND accepted_reply_id IS NULL AND merged_into_id IS NULL` })
@Index('forum_threads_open_questions_idx', { synchronize: false }) // (created_at, id), open questions (hidden, removed excluded): the dashboard's questions by age
@Index('forum_threads_questions_created_idx', ['createdAt'], { where: `kind = 'question' AND merged_into_id IS NULL` }) // the dashboard's questions section
@Index('forum_threads_author_idx', ['authorId'])
// Trigram operator class (gin_trgm_ops, similar titles): TypeORM cannot state it.
@Index('forum_threads_title_trgm_idx', { synchronize: false })
export class ForumThread {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('ForumCategory', { onDelete: 'NO ACTION' }) categoryId!: number;
  @Column({ type: 'text' }) kind!: ThreadKind;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumReply', { name: 'forum_threads_accepted_fk', onDelete: 'SET NULL' }) acceptedReplyId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) lockedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) pinnedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumThread', { onDelete: 'SET NULL' }) mergedIntoId!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'boolean', default: false }) hiddenPending!: boolean;
  @Column({ type: 'integer', default: 0 }) replyCount!: number;
  @Column({ type: 'integer', default: 0 }) views!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lastActivityAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  /** Set when the author's account was deleted with its contributions while others had replied. */
  @Column({ type: 'timestamptz', nullable: true }) removedAt!: Date | null;
}

@Entity('forum_replies')
@Check('forum_replies_vote_count_check', `vote_count >= 0`)
@Check('forum_replies_language_check', `language IN ('de', 'en')`)
// Descending column (vote_count DESC): TypeORM indexes cannot state a column's order.
@Index('forum_replies_thread_idx', { synchronize: false })
@Index('forum_replies_parent_idx', ['parentId'], { where: 'parent_id IS NOT NULL' })
@Index('forum_replies_author_idx', ['authorId'])
@Index('forum_replies_created_idx', ['createdAt']) // the dashboard's rollups of replies, per day
@Index('forum_replies_visible_times_idx', { synchronize: false }) // (thread_id, created_at) INCLUDE (author_id, id), visible replies: the dashboard's reply times
export class ForumReply {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumReply', { onDelete: 'SET NULL' }) parentId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'integer', default: 0 }) voteCount!: number;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'boolean', default: false }) hiddenPending!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
}

@Entity('forum_votes')
@Index('forum_votes_user_idx', ['userId'])
export class ForumVote {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumReply', { onDelete: 'CASCADE' }) replyId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('forum_tags')
@Check('forum_tags_name_check', `name = lower(name) AND name ~ '^[a-z0-9äöüß][a-z0-9äöüß-]{0,29}$'`)
export class ForumTag {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) name!: string;
}

/**
 * A thread's tag, with a copy of the thread's sort key and visibility facts for the tag page
 * (migration 1764901100000): a trigger sets them from the thread on insert, whatever the writer
 * gave, and another keeps them equal when the thread is moved, merged, hidden, pinned or answered.
 */
@Entity('forum_thread_tags')
@Index('forum_thread_tags_tag_idx', ['tagId', 'threadId'])
// Descending columns and INCLUDE: TypeORM indexes cannot state them.
@Index('forum_thread_tags_latest_idx', { synchronize: false }) // (tag_id, pinned DESC, last_activity_at DESC, thread_id DESC) INCLUDE (category_id)
export class ForumThreadTag {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumTag', { onDelete: 'CASCADE' }) tagId!: number;
  /** The thread's category. */
  @Column({ type: 'integer' }) categoryId!: number;
  /** The thread is pinned. */
  @Column({ type: 'boolean' }) pinned!: boolean;
  /** The thread's last activity. */
  @Column({ type: 'timestamptz' }) lastActivityAt!: Date;
  /** The thread is neither merged nor hidden: it counts in forum_tag_category_counts. */
  @Column({ type: 'boolean' }) counted!: boolean;
}

/** Per tag and category, the threads that count (neither merged nor hidden); kept by triggers on forum_thread_tags. */
@Entity('forum_tag_category_counts')
export class ForumTagCategoryCount {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumTag', { onDelete: 'CASCADE' }) tagId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumCategory', { onDelete: 'CASCADE' }) categoryId!: number;
  @Column({ type: 'integer', default: 0 }) threadCount!: number;
}

@Entity('forum_revisions')
@Index('forum_revisions_post_idx', ['threadId', 'replyId', 'id'])
export class ForumRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumReply', { onDelete: 'CASCADE' }) replyId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) editorId!: number | null;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('forum_thread_views')
export class ForumThreadView {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'date', default: () => 'CURRENT_DATE' }) day!: string;
}

/** The last time a member opened a thread (threads they follow with unread replies on the start page). */
@Entity('forum_thread_reads')
export class ForumThreadRead {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lastReadAt!: Date;
}

@Entity('forum_follows')
@Check('forum_follows_target_type_check', `target_type IN ('thread', 'category', 'tag')`)
@Check('forum_follows_level_check', `level IN ('watching', 'normal', 'muted')`)
@Index('forum_follows_target_idx', ['targetType', 'targetId', 'level'])
export class ForumFollow {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'text' }) targetType!: FollowTarget;
  @PrimaryColumn({ type: 'integer' }) targetId!: number;
  @Column({ type: 'text' }) level!: FollowLevel;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('forum_flags')
@Check('forum_flags_reason_check', `reason IN ('spam', 'off_topic', 'inappropriate', 'other')`)
@Check('forum_flags_status_check', `status IN ('open', 'hidden', 'dismissed')`)
// Unique over an expression (coalesce(reply_id, 0)): TypeORM indexes cannot state it.
@Index('forum_flags_open_once', { synchronize: false })
@Index('forum_flags_open_idx', ['createdAt'], { where: `status = 'open'` })
export class ForumFlag {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumReply', { onDelete: 'CASCADE' }) replyId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) userId!: number | null;
  @Column({ type: 'text' }) reason!: FlagReason;
  @Column({ type: 'text', default: '' }) text!: string;
  @Column({ type: 'text', default: 'open' }) status!: 'open' | 'hidden' | 'dismissed';
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) resolvedBy!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('forum_mentions')
// Unique over an expression (coalesce(reply_id, 0)): TypeORM indexes cannot state it.
@Index('forum_mentions_once', { synchronize: false })
export class ForumMention {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('ForumThread', { onDelete: 'CASCADE' }) threadId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumReply', { onDelete: 'CASCADE' }) replyId!: number | null;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export const forumEntities = [ForumCategory, ForumCategoryMember, ForumThread, ForumReply, ForumVote, ForumTag, ForumThreadTag, ForumTagCategoryCount,
  ForumRevision, ForumThreadView, ForumThreadRead, ForumFollow, ForumFlag, ForumMention];
