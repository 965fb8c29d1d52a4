// Reads a YAML data file (rules, definitions) and checks it with a zod schema, reporting every
// problem with its line in the file: "content/recognition.yml:14: reasons[2].points: …".
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';

export interface FileIssue {
  line: number;
  message: string;
}

export class YamlFileError extends Error {
  constructor(readonly file: string, readonly issues: FileIssue[]) {
    super(issues.map((i) => `${file}:${i.line}: ${i.message}`).join('\n'));
    this.name = 'YamlFileError';
  }
}

/** A located checker for rules a schema cannot express (duplicates, references between entries). */
export interface Located {
  lineOf(path: (string | number)[]): number;
}

/**
 * Parses `text` and checks it against `schema`; `more` may add issues of its own (with lines found
 * through `lineOf`). Throws YamlFileError listing all issues, each with its line.
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string, text: string, schema: S, more?: (data: z.output<S>, at: Located) => FileIssue[],
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    throw new YamlFileError(file, doc.errors.map((e) => ({ line: (e.linePos?.[0].line ?? 0) + 1, message: `YAML: ${e.message.split('\n')[0]}` })));
  }
  const lineOf = (path: (string | number)[]): number => {
    // The deepest node that exists on the path gives the line.
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
      const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
      if (offset !== undefined) return lineCounter.linePos(offset).line;
    }
    return 1;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new YamlFileError(file, parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      return { line: lineOf(path), message: `${formatPath(path)}${i.message}` };
    }));
  }
  const extra = more?.(parsed.data, { lineOf }) ?? [];
  if (extra.length) throw new YamlFileError(file, extra);
  return parsed.data;
}

const formatPath = (path: (string | number)[]) =>
  path.length ? `${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')}: ` : '';
