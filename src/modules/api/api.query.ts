// The query of a list request, checked before any loader runs: the resource's filters (each value
// against its schema; a repeatable one as an array), `limit` and `cursor`. Unknown parameters are
// refused too, so a misspelt filter never silently returns everything.
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiCursorKey, ApiResource } from '../module.js';
import { decodeCursor } from './api.cursor.js';
import type { ParameterError } from './api.problem.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const PAGING_PARAMETERS = ['limit', 'cursor'] as const;

export interface ListQuery {
  filters: Record<string, string | string[]>;
  limit: number;
  after: ApiCursorKey | null;
}

const limitSchema = z.coerce.number().int().min(1).max(MAX_LIMIT);

/** The values an enum filter allows (from its JSON Schema), for the message; empty for free text. */
export function allowedValues(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as { enum?: unknown[] };
  return (json.enum ?? []).map(String);
}

export function parseListQuery(req: Request, resource: ApiResource): { ok: true; query: ListQuery } | { ok: false; errors: ParameterError[] } {
  const t = req.t;
  const errors: ParameterError[] = [];
  const query = req.query as Record<string, unknown>;
  const known = new Set<string>([...PAGING_PARAMETERS, ...resource.filters.map((f) => f.name)]);
  for (const name of Object.keys(query)) {
    if (!known.has(name)) errors.push({ parameter: name, detail: t('api.errors.unknownParameter', { parameter: name, known: [...known].join(', ') }) });
  }
  const strings = (v: unknown): string[] | null => {
    const list = Array.isArray(v) ? v : [v];
    return list.every((x) => typeof x === 'string') ? (list as string[]) : null;
  };
  const filters: Record<string, string | string[]> = {};
  for (const f of resource.filters) {
    if (query[f.name] === undefined) continue;
    const values = strings(query[f.name]);
    const refuse = () => {
      const allowed = allowedValues(f.schema);
      errors.push({
        parameter: f.name,
        detail: allowed.length ? t('api.errors.valueOneOf', { parameter: f.name, allowed: allowed.join(', ') }) : t('api.errors.value', { parameter: f.name }),
      });
    };
    if (!values || values.length === 0 || (!f.multiple && values.length > 1) || values.length > 20) { refuse(); continue; }
    if (!values.every((v) => f.schema.safeParse(v).success)) { refuse(); continue; }
    filters[f.name] = f.multiple ? [...new Set(values)] : values[0]!;
  }
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    const parsed = typeof query.limit === 'string' ? limitSchema.safeParse(query.limit) : null;
    if (parsed?.success) limit = parsed.data;
    else errors.push({ parameter: 'limit', detail: t('api.errors.limit', { max: MAX_LIMIT }) });
  }
  let after: ApiCursorKey | null = null;
  if (query.cursor !== undefined) {
    after = typeof query.cursor === 'string' ? decodeCursor(resource.path, query.cursor, resource.cursor) : null;
    if (!after) errors.push({ parameter: 'cursor', detail: t('api.errors.cursor') });
  }
  return errors.length ? { ok: false, errors } : { ok: true, query: { filters, limit, after } };
}
