import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A member's last and previous visit to their start page ("since my last visit"). */
@Entity('home_visits')
export class HomeVisit {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lastVisitAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) previousVisitAt!: Date | null;
}
