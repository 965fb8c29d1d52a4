// {{#if (and a b)}} — true when every argument is truthy.
export default function and(...args: unknown[]): boolean {
  return args.slice(0, -1).every(Boolean);
}
