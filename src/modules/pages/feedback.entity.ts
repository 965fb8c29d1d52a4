import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

/** Feedback from the accessibility statement's form. */
@Entity('feedback')
export class Feedback {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) userId!: number | null;
  @Column({ type: 'text', default: '' }) name!: string;
  @Column({ type: 'text', default: '' }) email!: string;
  @Column({ type: 'text', default: '' }) page!: string;
  @Column({ type: 'text' }) message!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) handledAt!: Date | null;
}
