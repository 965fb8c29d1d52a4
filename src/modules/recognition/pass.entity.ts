// The member's Kompetenzpass settings: who may see it, and the share link of a public pass.
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

export const PASS_VISIBILITIES = ['private', 'network', 'public'] as const;
export type PassVisibility = (typeof PASS_VISIBILITIES)[number];

/** No row: visibility 'network', no share link. Only the token's SHA-256 is stored; a new token replaces the old. */
@Entity('recognition_pass_settings')
@Check('recognition_pass_settings_visibility_check', `visibility IN ('private', 'network', 'public')`)
export class RecognitionPassSettings {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text', default: 'network' }) visibility!: PassVisibility;
  @Column({ type: 'text', nullable: true, unique: true }) shareTokenHash!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) shareCreatedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
