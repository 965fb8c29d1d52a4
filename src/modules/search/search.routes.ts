import { Router } from 'express';
import type { AppContext } from '../../context.js';

export function searchRouter(_ctx: AppContext): Router {
  return Router();
}
