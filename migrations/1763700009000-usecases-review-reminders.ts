import type { MigrationInterface, QueryRunner } from 'typeorm';

// Use-case content health: the review date an owner was last reminded about, so the reminder goes
// out once per due date (like guides.reminded_for).
export class UsecasesReviewReminders1763700009000 implements MigrationInterface {
  name = 'UsecasesReviewReminders1763700009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE use_cases ADD COLUMN reminded_for date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE use_cases DROP COLUMN reminded_for`);
  }
}
