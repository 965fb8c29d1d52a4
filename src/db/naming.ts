// camelCase properties ↔ snake_case columns, so entities need no `name:` on every column; and
// constraints named as PostgreSQL names them when a migration gives no name (users_pkey,
// users_email_key, users_administration_id_fkey), so entities declare them without `name:` too.
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const tableOf = (t: Table | string) => (typeof t === 'string' ? t : t.name).split('.').pop()!;

export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
  override primaryKeyName(table: Table | string): string {
    return `${tableOf(table)}_pkey`;
  }
  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `${tableOf(table)}_${columnNames.join('_')}_key`;
  }
  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `${tableOf(table)}_${columnNames.join('_')}_fkey`;
  }
}
