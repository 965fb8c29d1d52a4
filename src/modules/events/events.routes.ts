// events routes (placeholder until the events part lands).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';

export const eventsRouter = (_ctx: AppContext): Router => Router();
export const eventsOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
