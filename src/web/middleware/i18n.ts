// The page language: the member's setting, then the language switch (cookie), then the browser.
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANG, fromAcceptLanguage, isLang, translate } from '../i18n.js';

export const LANG_COOKIE = 'praxis_lang';

export function i18n(req: Request, res: Response, next: NextFunction): void {
  const cookie = req.headers.cookie?.match(new RegExp(`(?:^|; )${LANG_COOKIE}=(de|en)`))?.[1];
  const fromUser = req.user?.language;
  req.lang = isLang(fromUser) ? fromUser : isLang(cookie) ? cookie : (fromAcceptLanguage(req.get('accept-language')) ?? DEFAULT_LANG);
  req.t = (key, vars) => translate(req.lang, key, vars);
  res.locals.lang = req.lang;
  res.locals.otherLang = req.lang === 'de' ? 'en' : 'de';
  next();
}
