import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A member's channel for one group of notifications (no row: the group's default, see notification-kinds.ts). */
@Entity('notification_preferences')
@Check('notification_preferences_channel_check', `channel IN ('app', 'email', 'digest')`)
export class NotificationPreference {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'text' }) kindGroup!: string;
  @Column({ type: 'text' }) channel!: 'app' | 'email' | 'digest';
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A member's digest: off, daily or weekly (ISO weekday 1–7), at an hour in Europe/Berlin (no row: DEFAULT_DIGEST). */
@Entity('notification_settings')
@Check('notification_settings_frequency_check', `digest_frequency IN ('off', 'daily', 'weekly')`)
@Check('notification_settings_weekday_check', `digest_weekday BETWEEN 1 AND 7`)
@Check('notification_settings_hour_check', `digest_hour BETWEEN 0 AND 23`)
export class NotificationSettings {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text', default: 'weekly' }) digestFrequency!: 'off' | 'daily' | 'weekly';
  @Column({ type: 'smallint', default: 1 }) digestWeekday!: number;
  @Column({ type: 'smallint', default: 7 }) digestHour!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** One digest period of a member: queued by the scheduler (once, by the primary key), done when the job ran. */
@Entity('notification_digests')
export class NotificationDigest {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @PrimaryColumn({ type: 'timestamptz' }) periodStart!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) queuedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) doneAt!: Date | null;
  /** How many notifications the digest listed (0: nothing new, no e-mail). */
  @Column({ type: 'integer', default: 0 }) notificationCount!: number;
}
