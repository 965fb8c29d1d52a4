import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file of the reuse kit, stored under config.uploadDir by storageKey (never by its name). */
@Entity('use_case_attachments')
export class UseCaseAttachment {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) useCaseId!: number;
  @Column({ type: 'text' }) storageKey!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ type: 'text' }) contentType!: string;
  @Column({ type: 'integer' }) sizeBytes!: number;
  @Column({ type: 'text', default: 'CC-BY-4.0' }) licence!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'integer', nullable: true }) uploadedById!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
