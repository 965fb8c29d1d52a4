import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** Whether a member finished or skipped the welcome page (/welcome); once either is set it never returns. */
@Entity('member_onboarding')
export class MemberOnboarding {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) dismissedAt!: Date | null;
}
