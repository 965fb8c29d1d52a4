// results routes (placeholder until the results part lands).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';

export const resultsRouter = (_ctx: AppContext): Router => Router();
export const resultsOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
