import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file of the reuse kit, stored under config.uploadDir by storageKey (never by its name). */
@Entity('use_case_attachments')
@Check('use_case_attachments_size_bytes_check', `size_bytes > 0`)
@Index('use_case_attachments_case_idx', ['useCaseId'])
export class UseCaseAttachment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'text', unique: true }) storageKey!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ type: 'text' }) contentType!: string;
  @Column({ type: 'integer' }) sizeBytes!: number;
  @Column({ type: 'text', default: 'CC-BY-4.0' }) licence!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) uploadedById!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
