// The page language: the member's setting, then the language switch (cookie), then the browser.
// Two steps: `i18n` runs before the session is read (cookie and browser only), so a refusal or a
// database outage at the session lookup is still answered in the visitor's language; `memberLanguage`
// runs after the sign-in is known and applies the member's setting.
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANG, fromAcceptLanguage, isLang, translate, translateMarked, type Lang } from '../../shared/i18n.js';

export const LANG_COOKIE = 'praxis_lang';

/** Switches the page language for this request (e.g. a page for a member known from a mailed link). */
export function useLang(req: Request, res: Response, lang: Lang): void {
  req.lang = lang;
  req.t = (key, vars) => translate(req.lang, key, vars);
  req.tMarked = (key, vars, name, language) => translateMarked(req.lang, key, vars, name, language);
  res.locals.lang = lang;
  res.locals.otherLang = lang === 'de' ? 'en' : 'de';
}

export function i18n(req: Request, res: Response, next: NextFunction): void {
  const cookie = req.headers.cookie?.match(new RegExp(`(?:^|; )${LANG_COOKIE}=(de|en)`))?.[1];
  useLang(req, res, isLang(cookie) ? cookie : (fromAcceptLanguage(req.get('accept-language')) ?? DEFAULT_LANG));
  next();
}

export function memberLanguage(req: Request, res: Response, next: NextFunction): void {
  const fromUser = req.user?.language;
  if (isLang(fromUser) && fromUser !== req.lang) useLang(req, res, fromUser);
  next();
}
