// The introductory course the welcome page points new members to: the first course of
// content/academy/academy.yml (file courses are created in the file's order), else the oldest one.
import type { DataSource } from 'typeorm';
import { one, type Db } from '../../db/sql.js';

export async function introductoryCourse(db: DataSource | Db): Promise<{ slug: string; title: string; language: string } | null> {
  return one(db,
    `SELECT slug, title, language FROM academy_courses WHERE archived_at IS NULL ORDER BY (source = 'file') DESC, id LIMIT 1`);
}
