import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A course: guides (by slug, no foreign key) and quizzes in order. */
@Entity('academy_courses')
@Check('academy_courses_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('academy_courses_language_check', `language IN ('de', 'en')`)
@Check('academy_courses_source_check', `source IN ('app', 'file')`)
export class Course {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'text', default: '' }) summaryHtml!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  @Column({ type: 'text', array: true, default: () => "'{}'" }) guideSlugs!: string[];
  @Column({ type: 'text', default: 'app' }) source!: 'app' | 'file';
  @Column({ type: 'text', nullable: true }) contentHash!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('academy_course_quizzes')
@Index('academy_course_quizzes_quiz_idx', ['quizId'])
export class CourseQuiz {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Course', { onDelete: 'CASCADE' }) courseId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('Quiz', { onDelete: 'CASCADE' }) quizId!: number;
  @Column({ type: 'integer' }) position!: number;
}
