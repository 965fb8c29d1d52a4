import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** ★ "We want this too": one administration's intent to adopt a use case. */
@Entity('use_case_adoptions')
export class UseCaseAdoption {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'integer' }) useCaseId!: number;
  @Column({ type: 'integer' }) administrationId!: number;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', default: '' }) note!: string;
  @Column({ type: 'integer', nullable: true }) declaredById!: number | null;
  @Column({ type: 'integer', nullable: true }) derivedUseCaseId!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
