// A member's answer to "show me on the leaderboards?" (GDPR opt-in): null until they answer.
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

@Entity('recognition_preferences')
@Index('recognition_preferences_visible_idx', ['userId'], { where: 'leaderboard_visible' })
export class RecognitionPreference {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  /** True: shown on leaderboards; false: hidden everywhere; null: not asked yet. */
  @Column({ type: 'boolean', nullable: true }) leaderboardVisible!: boolean | null;
  /** When the member first answered. */
  @Column({ type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
