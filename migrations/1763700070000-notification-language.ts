import type { MigrationInterface, QueryRunner } from 'typeorm';

// The language of a notification's title (the title of the thread, use case, guide … it is about),
// so the list can mark it with lang (WCAG 3.1.2). Older rows stay NULL (unknown): their titles are
// then shown in the page's language, as before.
export class NotificationLanguage1763700070000 implements MigrationInterface {
  name = 'NotificationLanguage1763700070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN language text CHECK (language IN ('de', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN language`);
  }
}
