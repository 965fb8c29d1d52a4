import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One administration's participation project, structured for comparison (PRODUCT §5). */
@Entity('use_cases')
@Check('use_cases_title_check', `char_length(title) BETWEEN 1 AND 200`)
@Check('use_cases_summary_check', `char_length(summary) <= 300`)
@Check('use_cases_status_check', `status IN ('idea', 'planned', 'running', 'completed', 'stopped')`)
@Check('use_cases_iap2_level_check', `iap2_level IN ('inform', 'consult', 'involve', 'collaborate', 'empower')`)
@Check('use_cases_formal_basis_check', `formal_basis IN ('voluntary', 'statutory')`)
@Check('use_cases_format_check', `format IN ('online', 'offline', 'hybrid')`)
@Check('use_cases_participant_count_check', `participant_count >= 0`)
@Check('use_cases_staff_effort_days_check', `staff_effort_days >= 0`)
@Check('use_cases_language_check', `language IN ('de', 'en')`)
@Check('use_cases_visibility_check', `visibility IN ('network', 'public')`)
@Check('use_cases_check', `end_date IS NULL OR start_date IS NULL OR end_date >= start_date`)
// Newest first (published_at DESC): TypeORM indexes cannot state a column's order.
@Index('use_cases_listing_idx', { synchronize: false })
@Index('use_cases_administration_idx', ['administrationId'])
@Index('use_cases_review_idx', ['nextReviewAt'], { where: 'published' })
@Index('use_cases_derived_idx', ['derivedFromId'], { where: 'derived_from_id IS NOT NULL' })
// The start page's newest published or updated cases (expression index, see migration 1763700104200).
@Index('use_cases_recent_idx', { synchronize: false })
// The dashboard's oldest unverified published cases (expression index, see migration 1764901500000).
@Index('use_cases_unverified_idx', { synchronize: false })
// The visitors' home page's newest public cases (a column order TypeORM cannot state, see migration 1764901800000).
@Index('use_cases_public_recent_idx', { synchronize: false })
@Index('use_cases_owner_idx', ['ownerId'], { where: 'owner_id IS NOT NULL' })
@Index('use_cases_created_by_idx', ['createdById'], { where: 'created_by_id IS NOT NULL' })
export class UseCase {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'integer' }) @ForeignKey('Administration', { onDelete: 'RESTRICT' }) administrationId!: number;
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
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) ownerId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdById!: number | null;
  @Column({ type: 'date', nullable: true }) nextReviewAt!: string | null;
  /** The review date the owner was last reminded about (once per due date). */
  @Column({ type: 'date', nullable: true }) remindedFor!: string | null;
  @Column({ type: 'text', default: 'de' }) language!: string;
  @Column({ type: 'text', default: 'network' }) visibility!: string;
  @Column({ type: 'boolean', default: false }) published!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) verifiedById!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('UseCase', { onDelete: 'SET NULL' }) derivedFromId!: number | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
