// A working group's results: publications (Markdown, reviewed by a lead before publishing, with
// revisions) and the use cases the group links as its results.
import { Check, Column, Entity, ForeignKey, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const PUBLICATION_STATUS = ['draft', 'in_review', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUS)[number];

@Entity('group_publications')
@Check('group_publications_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('group_publications_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('group_publications_status_check', `status IN ('draft', 'in_review', 'published')`)
@Check('group_publications_language_check', `language IN ('de', 'en')`)
@Unique('group_publications_group_slug_key', ['groupId', 'slug'])
export class GroupPublication {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('WorkingGroup', { onDelete: 'CASCADE' }) groupId!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) bodySource!: string;
  @Column({ type: 'text', default: '' }) bodyHtml!: string;
  @Column({ type: 'text', default: 'draft' }) status!: PublicationStatus;
  /** The reviewer's note when a lead returns a submitted draft. */
  @Column({ type: 'text', default: '' }) reviewComment!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) reviewedById!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  /** The number of the latest revision. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** Every saved state of a publication. */
@Entity('group_publication_revisions')
@Unique('group_publication_revisions_version_key', ['publicationId', 'version'])
export class GroupPublicationRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('GroupPublication', { onDelete: 'CASCADE' }) publicationId!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) bodySource!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A published use case a group links as one of its results. */
@Entity('group_use_cases')
export class GroupUseCase {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('WorkingGroup', { onDelete: 'CASCADE' }) groupId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) addedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export const groupPublicationEntities = [GroupPublication, GroupPublicationRevision, GroupUseCase];
