import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** ★ "We want this too": one administration's intent to adopt a use case. */
@Entity('use_case_adoptions')
@Check('use_case_adoptions_status_check', `status IN ('interested', 'planning', 'implemented', 'stopped')`)
@Unique(['useCaseId', 'administrationId'])
@Index('use_case_adoptions_administration_idx', ['administrationId'])
export class UseCaseAdoption {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) @ForeignKey('UseCase', { onDelete: 'CASCADE' }) useCaseId!: number;
  @Column({ type: 'integer' }) @ForeignKey('Administration', { onDelete: 'CASCADE' }) administrationId!: number;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', default: '' }) note!: string;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) declaredById!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('UseCase', { onDelete: 'SET NULL' }) derivedUseCaseId!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
