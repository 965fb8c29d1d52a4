// {{#if (includes selectedList value)}} — membership in a list (of strings or numbers).
export default function includes(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.map(String).includes(String(value));
}
