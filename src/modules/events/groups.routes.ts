// groups routes (placeholder until the groups part lands).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';

export const groupsRouter = (_ctx: AppContext): Router => Router();
export const groupsOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
