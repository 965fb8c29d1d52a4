// One-time messages shown on the next page (after post/redirect/get), stored in the session.
import type { NextFunction, Request, Response } from 'express';

export function flash(req: Request, res: Response, next: NextFunction): void {
  req.flash = (kind, key, vars) => {
    const list = req.session.flashes ?? [];
    list.push({ kind, text: req.t(key, vars) });
    req.session.flashes = list;
  };
  Object.defineProperty(res.locals, 'flashes', {
    enumerable: true,
    get: () => {
      const list = req.session?.flashes ?? [];
      if (req.session?.flashes) delete req.session.flashes;
      return list;
    },
  });
  next();
}
