// Working groups ("Arbeitskreise"): lasting groups of pioneers from several administrations.
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const GROUP_MEMBERSHIP = ['open', 'request', 'invitation'] as const;
export type GroupMembership = (typeof GROUP_MEMBERSHIP)[number];
export const GROUP_ROLES = ['lead', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
/** active: a member; requested: asked to join, waits for a lead; invited: a lead invited them, waits for them. */
export const GROUP_MEMBER_STATUS = ['active', 'requested', 'invited'] as const;
export type GroupMemberStatus = (typeof GROUP_MEMBER_STATUS)[number];
/** The five themes of the pioneers' working group, the default for a new group (keys; labels in groups.json). */
export const DEFAULT_GROUP_THEMES = ['methods', 'benefits-risks', 'quality', 'culture-change', 'competence'] as const;

@Entity('working_groups')
@Check('working_groups_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('working_groups_name_check', `char_length(name) BETWEEN 1 AND 200`)
@Check('working_groups_membership_check', `membership IN ('open', 'request', 'invitation')`)
@Check('working_groups_language_check', `language IN ('de', 'en')`)
export class WorkingGroup {
  @PrimaryGeneratedColumn('identity', { type: 'integer' }) id!: number;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) purposeSource!: string;
  @Column({ type: 'text', default: '' }) purposeHtml!: string;
  @Column({ type: 'text', array: true, default: '{}' }) guidingQuestions!: string[];
  @Column({ type: 'text', array: true, default: '{}' }) themes!: string[];
  @Column({ type: 'text', default: 'request' }) membership!: GroupMembership;
  @Column({ type: 'text', default: '' }) cadence!: string;
  @Column({ type: 'text', default: 'de' }) language!: 'de' | 'en';
  /** The group's members-only discussion: a restricted forum category. */
  @Column({ type: 'integer', nullable: true }) @ForeignKey('ForumCategory', { onDelete: 'SET NULL' }) categoryId!: number | null;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) createdById!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('working_group_members')
@Check('working_group_members_role_check', `role IN ('lead', 'member')`)
@Check('working_group_members_status_check', `status IN ('active', 'requested', 'invited')`)
@Index('working_group_members_user_idx', ['userId'])
export class WorkingGroupMember {
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('WorkingGroup', { onDelete: 'CASCADE' }) groupId!: number;
  @PrimaryColumn({ type: 'integer' }) @ForeignKey('User', { onDelete: 'CASCADE' }) userId!: number;
  @Column({ type: 'text', default: 'member' }) role!: GroupRole;
  @Column({ type: 'text', default: 'active' }) status!: GroupMemberStatus;
  @Column({ type: 'integer', nullable: true }) @ForeignKey('User', { onDelete: 'SET NULL' }) decidedById!: number | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** The groups' entities; later group tables are added here. */
export const groupEntities = [WorkingGroup, WorkingGroupMember];
