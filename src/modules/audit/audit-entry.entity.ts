import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
// Newest first (created_at DESC): TypeORM indexes cannot state a column's order.
@Index('audit_log_created_idx', { synchronize: false })
@Index('audit_log_subject_idx', ['subjectType', 'subjectId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) actorId!: number | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) subjectType!: string;
  @Column({ type: 'text' }) subjectId!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', default: {} }) details!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
