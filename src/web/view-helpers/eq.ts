// {{#if (eq a b)}} — strict equality after turning both sides into strings (form values are strings).
export default function eq(a: unknown, b: unknown): boolean {
  return String(a ?? '') === String(b ?? '');
}
