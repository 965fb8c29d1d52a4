// One-time messages shown on the next page (after post/redirect/get), stored in the session as
// message keys and translated when shown, so they are in the language of the page that shows
// them (a profile saved with a new language comes back entirely in that language).
import type { NextFunction, Request, Response } from 'express';

export function flash(req: Request, res: Response, next: NextFunction): void {
  req.flash = (kind, key, vars) => {
    const list = req.session.flashes ?? [];
    list.push({ kind, key, vars });
    req.session.flashes = list;
  };
  Object.defineProperty(res.locals, 'flashes', {
    enumerable: true,
    get: () => {
      const list = req.session?.flashes ?? [];
      if (req.session?.flashes) delete req.session.flashes;
      return list.map((f) => ({ kind: f.kind, text: f.key ? req.t(f.key, f.vars) : (f.text ?? '') }));
    },
  });
  next();
}
