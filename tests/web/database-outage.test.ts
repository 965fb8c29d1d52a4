// A real outage: this file starts its own embedded PostgreSQL (not the shared test database),
// stops it while the app runs, and starts it again on the same port. During the outage every page
// answers 503 with Retry-After and a translated "temporarily unavailable" page, with or without a
// session cookie, and /healthz answers 503; afterwards everything works again without a restart.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createDataSource } from '../../src/db/data-source.js';
import { appContext, entities } from '../../src/composition.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/shared/logger.js';
import { signedIn, type Browser } from '../support/agent.js';
import { testConfig } from '../support/app.js';
import { createUser } from '../support/factories.js';

describe('when the database goes away and comes back', () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let ds: ReturnType<typeof createDataSource>;
  let app: Express;
  let close: () => void = () => undefined;
  let member: Browser;
  let englishMember: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'praxis-outage-pg-'));
    await chmod(dir, 0o755); // the server runs as the postgres user when we are root
    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), database: 'praxis_outage' });
    const config = testConfig({ DATABASE_URL: pg.url });
    ds = createDataSource(pg.url, { entities, poolMax: 5 });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const handle = createApp(appContext(config, ds, createLogger({ level: 'silent', pretty: false })));
    app = handle.app;
    close = handle.close;
    member = await signedIn(app, await createUser(ds, { language: 'de' }));
    englishMember = await signedIn(app, await createUser(ds, { language: 'en' }));
  }, 120_000);

  afterAll(async () => {
    close();
    await ds?.destroy().catch(() => undefined);
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const expectUnavailable = (res: request.Response, text: string) => {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.text).toContain(text);
  };

  it('then pages answer 503 with Retry-After in the visitor\'s language, /healthz 503 for everyone, and all recovers', async () => {
    expect((await member.get('/me')).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);

    await pg.stop();

    // Signed in: the session lookup is the first thing that fails. The language is the member's,
    // from the cookie set at sign-in, not the browser's.
    expectUnavailable(await member.get('/forum').set('Accept-Language', 'en'), 'Vorübergehend nicht verfügbar');
    expectUnavailable(await englishMember.get('/me').set('Accept-Language', 'de'), 'Temporarily unavailable');
    const de = await member.get('/forum');
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('Bitte versuchen Sie es in einer Minute noch einmal');
    // Visitors: the page's own query fails.
    expectUnavailable(await request(app).get('/forum').set('Accept-Language', 'de'), 'Vorübergehend nicht verfügbar');
    const en = await request(app).get('/forum').set('Accept-Language', 'en');
    expectUnavailable(en, 'Temporarily unavailable');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Please try again in a minute');
    // A form post is refused the same way (nothing was processed).
    expect((await member.agent.post('/forum/new').type('form').send({ title: 'x' })).status).toBe(503);
    // The health check, with and without a session cookie.
    for (const res of [await request(app).get('/healthz'), await member.get('/healthz')]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toEqual({ status: 'unavailable', database: 'down' });
    }

    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), database: 'praxis_outage', port: pg.port });

    let health = 0;
    for (let i = 0; i < 50 && health !== 200; i++) {
      health = (await request(app).get('/healthz')).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health).toBe(200);
    expect((await member.get('/healthz')).status).toBe(200);
    // Still signed in: the sessions live in the database.
    expect((await member.get('/me')).status).toBe(200);
    expect((await englishMember.get('/me')).status).toBe(200);
    expect((await request(app).get('/forum')).status).toBe(200);
  }, 180_000);
});
