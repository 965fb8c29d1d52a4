import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One in-app message to a member (the bell); emailedAt is for e-mail delivery and digests. */
@Entity('notifications')
@Check('notifications_language_check', `language IN ('de', 'en')`)
// Newest first (id DESC): TypeORM indexes cannot state a column's order.
@Index('notifications_user_idx', { synchronize: false })
@Index('notifications_unread_idx', ['userId'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) actorId!: number | null;
  @Column({ type: 'text', nullable: true }) subjectType!: string | null;
  @Column({ type: 'text', nullable: true }) subjectId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) emailedAt!: Date | null;
  /** Values for the message, as they were when it was sent ({administration} …). */
  @Column({ type: 'jsonb', default: {} }) vars!: Record<string, string>;
  /** The language of the title; null for rows older than the column (unknown). */
  @Column({ type: 'text', nullable: true }) language!: 'de' | 'en' | null;
}
