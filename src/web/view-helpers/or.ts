// {{#if (or a b c)}} — truthy when any argument is truthy. Like JavaScript's ||, it returns the
// first truthy argument (else false), so {{eq value (or typed stored)}} compares with a value.
export default function or(...args: unknown[]): unknown {
  return args.slice(0, -1).find(Boolean) ?? false;
}
