import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One administration's participation project, structured for comparison (PRODUCT §5). */
@Entity('use_cases')
export class UseCase {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'integer' }) administrationId!: number;
  @Column({ type: 'text' }) department!: string;
  @Column({ type: 'text', default: '' }) departmentOther!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', array: true, default: '{}' }) policyAreas!: string[];
  @Column({ type: 'text' }) iap2Level!: string;
  @Column({ type: 'text', array: true, default: '{}' }) methods!: string[];
  @Column({ type: 'date', nullable: true }) startDate!: string | null;
  @Column({ type: 'date', nullable: true }) endDate!: string | null;
  @Column({ type: 'text', nullable: true }) formalBasis!: string | null;
  @Column({ type: 'text', default: '' }) councilDecision!: string;
  @Column({ type: 'text', nullable: true }) digitalTool!: string | null;
  @Column({ type: 'text', nullable: true }) format!: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) targetGroups!: string[];
  @Column({ type: 'integer', nullable: true }) participantCount!: number | null;
  @Column({ type: 'text', nullable: true }) budgetBand!: string | null;
  @Column({ type: 'integer', nullable: true }) staffEffortDays!: number | null;
  /** Markdown source per narrative section (see NARRATIVE_SECTIONS). */
  @Column({ type: 'jsonb', default: {} }) narrative!: Record<string, string>;
  /** Sanitised HTML per section, rendered on write. */
  @Column({ type: 'jsonb', default: {} }) narrativeHtml!: Record<string, string>;
  @Column({ type: 'integer', nullable: true }) ownerId!: number | null;
  @Column({ type: 'integer', nullable: true }) createdById!: number | null;
  @Column({ type: 'date', nullable: true }) nextReviewAt!: string | null;
  @Column({ type: 'text', default: 'de' }) language!: string;
  @Column({ type: 'text', default: 'network' }) visibility!: string;
  @Column({ type: 'boolean', default: false }) published!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) verifiedById!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) derivedFromId!: number | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
