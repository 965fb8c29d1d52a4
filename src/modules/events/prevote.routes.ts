// prevote routes (placeholder until the prevote part lands).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';

export const prevoteRouter = (_ctx: AppContext): Router => Router();
export const prevoteOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
