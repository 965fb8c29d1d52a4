// {{#if (or a b c)}} — true when any argument is truthy.
export default function or(...args: unknown[]): boolean {
  return args.slice(0, -1).some(Boolean);
}
