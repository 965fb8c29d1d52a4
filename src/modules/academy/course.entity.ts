import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A course: guides (by slug, no foreign key) and quizzes in order. */
@Entity('academy_courses')
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
export class CourseQuiz {
  @PrimaryColumn({ type: 'integer' }) courseId!: number;
  @PrimaryColumn({ type: 'integer' }) quizId!: number;
  @Column({ type: 'integer' }) position!: number;
}
