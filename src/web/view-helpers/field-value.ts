// {{fieldValue "email"}} — what the user typed (after a failed submit) or the stored value (reads @root.values).
import type { HelperOptions } from 'handlebars';

export default function fieldValue(name: unknown, options: HelperOptions): string {
  const v = options.data?.root?.values?.[String(name)];
  return v === null || v === undefined ? '' : String(v);
}
