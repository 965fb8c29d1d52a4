// The GET routes an Express app serves, as patterns ("/forum/threads/:ref"), and a matcher from a
// concrete path back to its pattern: lets a test prove it visited every page, not only the ones it named.
import type { Express } from 'express';

interface Layer {
  route?: { path: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every GET route path of `app`, including those of mounted routers (mounted without a prefix). */
export function getRoutes(app: Express): string[] {
  const out = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.route.methods?.get && typeof layer.route.path === 'string') out.add(layer.route.path);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...out].sort();
}

/** A function giving the route pattern a path belongs to (the most specific one), or null. */
export function routeMatcher(patterns: string[]): (path: string) => string | null {
  const compiled = patterns.map((p) => ({
    p,
    params: (p.match(/:/g) ?? []).length,
    re: new RegExp(`^${p.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`),
  }));
  // Literal routes before parameterised ones ("/guides/review" before "/guides/:slug").
  compiled.sort((a, b) => a.params - b.params);
  return (path) => compiled.find((c) => c.re.test(path))?.p ?? null;
}
