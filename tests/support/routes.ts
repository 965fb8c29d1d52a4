// The routes the app's router knows, read from Express itself (app.router.stack and the module
// routers inside it), so a test over "every form" cannot miss a route added later.
import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export interface RouteInfo {
  method: string;
  path: string;
}

function collect(stack: Layer[], into: RouteInfo[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m])) {
        for (const path of paths) into.push({ method: method.toUpperCase(), path });
      }
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, into); // a module router, mounted at "/"
    }
  }
}

export function routesOf(app: Express): RouteInfo[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const all: RouteInfo[] = [];
  collect(router.stack, all);
  const seen = new Set<string>();
  return all.filter((r) => (seen.has(`${r.method} ${r.path}`) ? false : (seen.add(`${r.method} ${r.path}`), true)));
}
