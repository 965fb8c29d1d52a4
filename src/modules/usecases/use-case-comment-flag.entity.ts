import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A member's report of a use-case comment, once per member and comment. */
@Entity('use_case_comment_flags')
export class UseCaseCommentFlag {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCaseComment', { onDelete: 'CASCADE' }) commentId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
}
