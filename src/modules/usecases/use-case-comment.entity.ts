import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A comment on a use case; replies go one level deep (parentId points to a top-level comment). */
@Entity('use_case_comments')
export class UseCaseComment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) useCaseId!: number;
  @Column({ type: 'integer', nullable: true }) parentId!: number | null;
  @Column({ type: 'integer', nullable: true }) authorId!: number | null;
  @Column({ type: 'text' }) bodySource!: string;
  @Column({ type: 'text' }) bodyHtml!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
}
