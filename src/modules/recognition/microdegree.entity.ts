// Micro-degrees as facilitators define them. Grants are Open Badges assertions in
// recognition_assertions (kind 'microdegree', class_key = slug); the slug never changes.
import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import type { Requirement } from './microdegrees.model.js';

@Entity('recognition_microdegrees')
@Check('recognition_microdegrees_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('recognition_microdegrees_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('recognition_microdegrees_language_check', `language IN ('de', 'en')`)
export class Microdegree {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'text', default: '' }) descriptionSource!: string;
  @Column({ type: 'text', default: '' }) descriptionHtml!: string;
  /** Keys of content/taxonomy/competence-areas.yml. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) competences!: string[];
  /** Checked by requirementsSchema (microdegrees.model.ts) on every write. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) requirements!: Requirement[];
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdBy!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
