// Bounded work under overload (issue 19). Node accepts every connection and starts every request at
// once; when requests arrive faster than they are served, the number in progress — each holding its
// database rows and its page while it waits — grows without bound, and with the production memory
// cap (--max-old-space-size=64) the process died of "heap out of memory" within seconds (seen in
// bench:pages: the search page, open loop at 100 requests/s). Here at most `maxActive` requests are
// worked on at a time; the others wait in arrival order, holding little more than their socket, and
// one that has waited `maxWaitMs` (or finds `maxQueued` already waiting) is answered 503 with
// Retry-After, cheaply and without touching the database. The answers stay correct; only their
// number per second is bounded, and memory with it.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface LoadLimitOptions {
  maxActive: number;
  maxQueued: number;
  maxWaitMs: number;
  retryAfterSeconds: number;
  /** Requests never queued (health checks: an orchestrator must see the process alive under load). */
  exempt?: (req: Request) => boolean;
}

export interface LoadLimit extends RequestHandler {
  stats(): { active: number; queued: number; refused: number };
}

export function loadLimit(opts: LoadLimitOptions): LoadLimit {
  let active = 0;
  let refused = 0;
  const waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];

  const refuse = (res: Response) => {
    refused++;
    if (res.headersSent || res.writableEnded) return;
    res.status(503).set({ 'Retry-After': String(opts.retryAfterSeconds), 'Cache-Control': 'no-store', Connection: 'close' })
      .type('text/plain').send('The server is busy. Please try again in a moment.\nDer Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.\n');
  };

  const next = () => {
    while (active < opts.maxActive && waiting.length) {
      const w = waiting.shift()!;
      clearTimeout(w.timer);
      w.start();
    }
  };

  const handler = ((req: Request, res: Response, proceed: NextFunction) => {
    if (opts.exempt?.(req)) return proceed();
    const start = () => {
      active++;
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        active--;
        next();
      };
      res.once('finish', release);
      res.once('close', release);
      proceed();
    };
    if (active < opts.maxActive && waiting.length === 0) return start();
    if (waiting.length >= opts.maxQueued) return refuse(res);
    const entry = {
      start,
      timer: setTimeout(() => {
        const i = waiting.indexOf(entry);
        if (i >= 0) waiting.splice(i, 1);
        refuse(res);
      }, opts.maxWaitMs),
    };
    // A client that gave up while waiting leaves the queue.
    res.once('close', () => {
      const i = waiting.indexOf(entry);
      if (i >= 0) {
        waiting.splice(i, 1);
        clearTimeout(entry.timer);
      }
    });
    waiting.push(entry);
  }) as LoadLimit;
  handler.stats = () => ({ active, queued: waiting.length, refused });
  return handler;
}
