import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A comment on a use case; replies go one level deep (parentId points to a top-level comment). */
@Entity('use_case_comments')
@Check('use_case_comments_language_check', `language IN ('de', 'en')`)
@Index('use_case_comments_case_idx', ['useCaseId', 'id'])
export class UseCaseComment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('UseCaseComment', { onDelete: 'CASCADE' }) parentId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
}
