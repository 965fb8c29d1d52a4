import type { MigrationInterface, QueryRunner } from 'typeorm';

// The language of forum categories, threads, replies and use-case comments, so English pages can
// mark German content with lang="de" (WCAG 3.1.2). Use cases, guides, courses and quizzes have one
// already. Existing rows are German (the network's language and that of the demo content); new
// posts take their author's language (users.language), see the INSERTs in the services.
const TABLES = ['forum_categories', 'forum_threads', 'forum_replies', 'use_case_comments'];

export class ContentLanguage1763700040000 implements MigrationInterface {
  name = 'ContentLanguage1763700040000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.query(`ALTER TABLE ${t} DROP COLUMN language`);
  }
}
