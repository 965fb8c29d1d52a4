// The points ledger and the facts it follows. Facts come from other modules' activity events
// (src/shared/activity.ts); the ledger only ever grows: a withdrawn fact adds a reversal.
import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One recognisable fact ("reply 12 is accepted"), whether it holds now, and the outbox row that last set it. */
@Entity('recognition_facts')
@Index('recognition_facts_user_kind_idx', ['userId', 'kind'], { where: 'holds' })
export class RecognitionFact {
  @PrimaryColumn({ type: 'text' }) fact!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) actorId!: number | null;
  @Column({ type: 'boolean' }) holds!: boolean;
  /** The id of the outbox row applied last (0: from the backfill); older rows are ignored. */
  @Column({ type: 'bigint' }) version!: string;
  @Column({ type: 'text' }) itemType!: string;
  @Column({ type: 'text' }) itemId!: string;
  @Column({ type: 'text', default: '' }) title!: string;
  @Column({ type: 'text', default: '' }) url!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) competences!: string[];
  @Column({ type: 'timestamptz' }) beganAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** An award (points > 0, or 0 when the daily cap was reached) or the reversal of one (`reversesId`). */
@Entity('recognition_ledger')
@Unique('recognition_ledger_reverses_id_key', ['reversesId'])
@Index('recognition_ledger_user_created_idx', ['userId', 'createdAt'])
@Index('recognition_ledger_fact_idx', ['fact'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'integer' }) points!: number;
  @Column({ type: 'text' }) @ForeignKey('RecognitionFact', { onDelete: 'CASCADE' }) fact!: string;
  @Column({ type: 'bigint', nullable: true }) @ForeignKey('LedgerEntry', { onDelete: 'CASCADE' }) reversesId!: string | null;
  @Column({ type: 'boolean', default: false }) capped!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Small facts the module keeps about itself (e.g. when the backfill ran). */
@Entity('recognition_state')
export class RecognitionState {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) value!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
