// Which requests may read from a replica (src/db/replica.ts): GET and HEAD requests, unless the
// member wrote something in the last REPLICA_STICKY_SECONDS. A member's state-changing request
// (any other method) leaves a marker in their session, so the page they are sent to next — the
// list with their new thread, the search that should find it — is read from the primary and never
// misses their own write because a replica is a moment behind. Visitors never write content, so
// they carry no marker. Without replicas this middleware does nothing (no session write).
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { hasReplicas, routeReads } from '../../db/replica.js';

export function readRouting(ds: DataSource, stickySeconds: number): RequestHandler {
  return (req, _res, next) => {
    if (!hasReplicas(ds)) return next();
    const now = Date.now();
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (!safe && req.user) req.session.primaryReadsUntil = now + stickySeconds * 1000;
    const sticky = (req.session?.primaryReadsUntil ?? 0) > now;
    routeReads(safe && !sticky, next);
  };
}
