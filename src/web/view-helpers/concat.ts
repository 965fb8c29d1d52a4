// {{t (concat "administrations.kind." kind)}} — joins its arguments into one string.
export default function concat(...args: unknown[]): string {
  return args.slice(0, -1).map((a) => String(a ?? '')).join('');
}
