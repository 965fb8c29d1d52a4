import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A published state of a use case: the full snapshot and a unified diff against the previous one. */
@Entity('use_case_revisions')
@Unique(['useCaseId', 'version'])
export class UseCaseRevision {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) authorId!: number | null;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Column({ type: 'text', default: '' }) diff!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
