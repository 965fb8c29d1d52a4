import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { WebhookEventType } from './webhooks.model.js';

/** An endpoint an admin registered: where to send which events, signed with its secret (webhooks.model.ts). */
@Entity('webhook_endpoints')
@Check('webhook_endpoints_url_check', `char_length(url) BETWEEN 1 AND 2000`)
@Check('webhook_endpoints_description_check', `char_length(description) <= 200`)
@Check('webhook_endpoints_events_check', `cardinality(events) >= 1 AND events <@ ARRAY['use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued', 'event.created']::text[]`)
@Check('webhook_endpoints_disabled_reason_check', `disabled_reason IN ('admin', 'failures')`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', array: true }) events!: WebhookEventType[];
  /** Also network-only content (members-only threads, network-only use cases); off by default. */
  @Column({ type: 'boolean', default: false }) includeNetwork!: boolean;
  /** "whsec_" + base64 of 32 random bytes. */
  @Column({ type: 'text' }) secret!: string;
  /** After a rotation the old secret signs too, until previousSecretUntil (a day). */
  @Column({ type: 'text', nullable: true }) previousSecret!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretUntil!: Date | null;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'text', nullable: true }) disabledReason!: 'admin' | 'failures' | null;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** Failed attempts since the last success; at WEBHOOKS_DISABLE_AFTER_FAILURES the endpoint is disabled. */
  @Column({ type: 'integer', default: 0 }) consecutiveFailures!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** One event for one endpoint: the message (its webhook-id stays the same on every retry) and where it stands. */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_status_check', `status IN ('pending', 'succeeded', 'failed')`)
@Unique('webhook_deliveries_event_uq', ['endpointId', 'eventKey'])
@Index('webhook_deliveries_created_idx', ['createdAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'integer' }) @ForeignKey('WebhookEndpoint', { onDelete: 'CASCADE' }) endpointId!: number;
  @Column({ type: 'text', unique: true }) messageId!: string;
  /** What the delivery is about ("thread.created:12"): one delivery per event and endpoint, however often it is published. */
  @Column({ type: 'text' }) eventKey!: string;
  @Column({ type: 'text' }) type!: string;
  /** The JSON body exactly as sent and signed on every attempt: { type, timestamp, data } (text, so its key order stays). */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text', default: 'pending' }) status!: 'pending' | 'succeeded' | 'failed';
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) firstAttemptAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

/** One attempt of a delivery, for the log: status, response time, error, at most 1 KB of the response. */
@Entity('webhook_attempts')
@Index('webhook_attempts_delivery_idx', ['deliveryId'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'bigint' }) @ForeignKey('WebhookDelivery', { onDelete: 'CASCADE' }) deliveryId!: string;
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) attemptedAt!: Date;
  @Column({ type: 'integer', nullable: true }) statusCode!: number | null;
  @Column({ type: 'integer', nullable: true }) responseMs!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'text', nullable: true }) responseBody!: string | null;
}
