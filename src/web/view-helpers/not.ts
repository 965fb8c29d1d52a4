// {{#if (not a)}} — negation.
export default function not(a: unknown): boolean {
  return !a;
}
