// The only reader of process.env. Every setting is validated here; a wrong value stops the boot
// with one message that names every problem.
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Streaming replicas for heavy reads (list pages, search on PostgreSQL, the dashboard): comma-separated URLs. */
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'each must be a postgres:// or postgresql:// URL')).min(1, 'must name at least one URL'))
    .optional(),
  /**
   * How long a pooled database connection may sit idle before it is closed (0: never; pg's own default
   * is 10 s). A new connection costs a backend start and runs its first statements with cold caches
   * (8–66 ms seen in bench:tail). At 20 requests/s this made no measurable difference (the pool reuses
   * its most recently used connection); it is for quieter sites, where each connection would otherwise
   * be closed and reopened between requests.
   */
  DATABASE_IDLE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** After a member's write, their reads stay on the primary for this many seconds (read-your-own-writes). */
  REPLICA_STICKY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Praxis <no-reply@praxis.example>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  LOAD_DEMO: bool.optional(),
  RUN_WORKER: bool.default(true),
  /**
   * On SIGTERM: how long /readyz answers 503 (and answers close their connections) while new
   * requests are still served, so a load balancer can stop sending them before the port closes.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  /**
   * Overload (src/web/middleware/load-limit.ts): requests worked on at once; beyond, they wait in
   * arrival order, and one that waited REQUEST_QUEUE_MS, or finds REQUEST_QUEUE_MAX waiting, gets 503.
   */
  MAX_ACTIVE_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(32),
  REQUEST_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).default(500),
  REQUEST_QUEUE_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  TRUST_PROXY: bool.default(false),
  UPLOAD_DIR: z.string().min(1).optional(),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_POST_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_IP_POST_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  /** The request limits are counted in PostgreSQL; deployments sharing one database keep theirs apart with this. */
  RATE_LIMIT_NAMESPACE: z.string().max(100).default(''),
  /** JSON API (/api/v1): requests per minute per personal access token, and per IP without one. */
  RATE_LIMIT_API_TOKEN_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_API_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SIGNIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  SIGNIN_ACCOUNT_TOTAL_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  SIGNIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  OUTBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** How long a worker's claim on outbox rows lasts: the rows of a worker that died are taken over after it. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  LIKE_MINE_MAX_RECIPIENTS: z.coerce.number().int().min(0).max(100_000).default(500),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // Webhooks (src/modules/webhooks): plain-http endpoints on this machine (127.0.0.0/8, ::1) for
  // development and tests; never in production. Endpoints are disabled after this many failed
  // attempts in a row.
  WEBHOOKS_ALLOW_LOOPBACK: bool.optional(),
  WEBHOOKS_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  // Training videos (src/modules/media): the largest upload, and where ffprobe and ffmpeg are (by
  // default the binaries of @ffprobe-installer/ffprobe and @ffmpeg-installer/ffmpeg, optional
  // dependencies; without them videos are refused with a message, never a crash).
  VIDEO_MAX_BYTES: z.coerce.number().int().min(1).default(500 * 1024 * 1024),
  FFPROBE_PATH: z.string().min(1).optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  /** Key for secrets stored in the database (single sign-on client secrets): 32 bytes, base64 or 64 hex digits. */
  /**
   * Languages content may be written in (guides, courses, use cases): ISO 639-1 codes, comma-separated,
   * the first is the network's main language. Interface strings stay German and English.
   */
  CONTENT_LANGUAGES: z.string().default('de,en').transform((v, ctx) => {
    const codes = v.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
    const bad = codes.filter((c) => !/^[a-z]{2}$/.test(c));
    if (!codes.length) ctx.addIssue({ code: 'custom', message: 'must name at least one language (e.g. "de,en")' });
    if (bad.length) ctx.addIssue({ code: 'custom', message: `not a two-letter language code: ${bad.join(', ')}` });
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: 'names a language twice' });
    return codes;
  }),
  SECRETS_KEY: z
    .string()
    .refine((v) => secretsKeyBytes(v) !== null, 'must be 32 bytes, as base64 or 64 hex digits (e.g. `openssl rand -base64 32`)')
    .optional(),
});

function secretsKeyBytes(v: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(v) ? Buffer.from(v, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
}

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  baseUrl: string;
  sessionSecret: string;
  isProduction: boolean;
  logPretty: boolean;
  loadDemo: boolean;
  uploadDir: string;
  /** DATABASE_REPLICA_URLS as a list; empty without replicas. */
  replicaUrls: string[];
  /** RATE_LIMIT_IP_POST_PER_MINUTE, by default ten times the per-member limit. */
  rateLimitIpPostPerMinute: number;
  /** SHUTDOWN_DRAIN_MS, by default 5 s in production and none elsewhere. */
  shutdownDrainMs: number;
  /** WEBHOOKS_ALLOW_LOOPBACK: true outside production unless switched off; refused in production. */
  webhooksAllowLoopback: boolean;
  /**
   * AES-256 key for secrets at rest (SECRETS_KEY). Outside production, when unset, a key derived
   * from the session secret; in production null when unset: single sign-on then stays off.
   */
  secretsKey: Buffer | null;
  /** Whether secretsKey is the development fallback (derived from the session secret). */
  secretsKeyDerived: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty strings as unset, as shells and compose files often produce them.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Checks across settings look at what is set, so they are reported together with the ones above.
  const isProduction = cleaned.NODE_ENV === 'production';
  if (isProduction && !cleaned.SESSION_SECRET) problems.push('SESSION_SECRET: required in production');
  if (isProduction && !cleaned.DATABASE_URL) problems.push('DATABASE_URL: required in production');
  if (isProduction && !cleaned.BASE_URL) problems.push('BASE_URL: required in production');
  if (isProduction && bool.safeParse(cleaned.WEBHOOKS_ALLOW_LOOPBACK).data === true) problems.push('WEBHOOKS_ALLOW_LOOPBACK: not allowed in production');
  if (cleaned.DATABASE_REPLICA_URLS && !cleaned.DATABASE_URL) problems.push('DATABASE_REPLICA_URLS: set, but DATABASE_URL (the primary) is not');
  if (cleaned.MEILI_MASTER_KEY && !cleaned.MEILI_URL) problems.push('MEILI_MASTER_KEY: set, but MEILI_URL is not');
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const c = parsed.data;
  const sessionSecret = c.SESSION_SECRET ?? 'praxis-development-secret-not-for-production-use';
  const derivedKey = () => Buffer.from(hkdfSync('sha256', sessionSecret, 'praxis', 'secrets key (development)', 32));
  return {
    ...c,
    baseUrl: (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    // Outside production a fixed development secret keeps sessions across restarts.
    sessionSecret,
    isProduction,
    logPretty: c.LOG_PRETTY ?? c.NODE_ENV === 'development',
    loadDemo: c.LOAD_DEMO ?? !isProduction,
    uploadDir: c.UPLOAD_DIR ?? `${c.DATA_DIR}/uploads`,
    replicaUrls: c.DATABASE_REPLICA_URLS ?? [],
    shutdownDrainMs: c.SHUTDOWN_DRAIN_MS ?? (isProduction ? 5_000 : 0),
    rateLimitIpPostPerMinute: c.RATE_LIMIT_IP_POST_PER_MINUTE ?? 10 * c.RATE_LIMIT_POST_PER_MINUTE,
    webhooksAllowLoopback: !isProduction && (c.WEBHOOKS_ALLOW_LOOPBACK ?? true),
    secretsKey: c.SECRETS_KEY ? secretsKeyBytes(c.SECRETS_KEY) : isProduction ? null : derivedKey(),
    secretsKeyDerived: !c.SECRETS_KEY && !isProduction,
  };
}
