// The page's snapshots of the sections' period figures: kept until the rollups change, equal to what
// the sections compute, recomputed by the worker for what people read, never for custom periods.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { rebuildRollups, refreshSnapshots, SECTIONS } from '../../../src/modules/dashboard/index.js';
import { berlinToday, periodFromQuery } from '../../../src/modules/dashboard/dashboard.period.js';
import type { SectionContext } from '../../../src/modules/dashboard/dashboard.section.js';
import { translate } from '../../../src/shared/i18n.js';

/** The page's sections read wholly from snapshots (activity … knowledge gaps); content health and members keep live parts. */
const sectionsOf = (html: string) => html.slice(html.indexOf('id="dash-activity"'), html.indexOf('id="dash-health"'));
const activityOf = (html: string) => html.slice(html.indexOf('id="dash-activity"'), html.indexOf('id="dash-topics"'));

describe('dashboard snapshots', () => {
  const t = useTestApp(usePrivateDatabase());

  const versionAndKeys = async () => ({
    version: (await t.ctx.ds.query(`SELECT version::int AS v FROM dashboard_state`))[0].v as number,
    keys: (await t.ctx.ds.query(`SELECT key, version::int AS version, query, lang FROM dashboard_snapshots ORDER BY key`)) as { key: string; version: number; query: string; lang: string }[],
  });

  it('when the page is viewed again, then it shows the kept figures until the rollups are rebuilt, and then the new ones', async () => {
    const ds = t.ctx.ds;
    const author = await createUser(ds, { administrationId: (await createAdministration(ds)).id });
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    const today = berlinToday();
    await createThread(ds, { author });
    await rebuildRollups(ds, today, today);

    const first = (await facilitator.get('/dashboard?period=30d')).text;
    const stored = await versionAndKeys();
    expect(stored.keys.map((k) => k.key.split('|')[0])).toEqual(['activity', 'gaps', 'health', 'learning', 'members', 'participation', 'questions', 'topics']);
    expect(stored.keys.every((k) => k.version === stored.version && k.query === 'period=30d' && k.lang === 'de')).toBe(true);

    await createThread(ds, { author });
    const second = (await facilitator.get('/dashboard?period=30d')).text;
    expect(sectionsOf(second)).toBe(sectionsOf(first));

    await rebuildRollups(ds, today, today);
    expect((await versionAndKeys()).version).toBe(stored.version + 1);
    const third = (await facilitator.get('/dashboard?period=30d')).text;
    expect(activityOf(third)).not.toBe(activityOf(first));
    expect((await versionAndKeys()).keys.every((k) => k.version === stored.version + 1)).toBe(true);
  });

  it('when a section is read from its snapshot, then it equals what the section computes, in both languages', async () => {
    const ds = t.ctx.ds;
    await createThread(ds, { author: await createUser(ds, { administrationId: (await createAdministration(ds)).id }) });
    await rebuildRollups(ds, berlinToday(), berlinToday());
    for (const lang of ['de', 'en'] as const) {
      const base: SectionContext = { ds, period: periodFromQuery({ period: '12m' }), lang, t: (k, v) => translate(lang, k, v) };
      for (const s of SECTIONS) {
        const json = async (c: SectionContext) => JSON.parse(JSON.stringify(await s.load(c)));
        const computed = await json(base);
        expect(await json({ ...base, snapshots: { mode: 'use' } })).toEqual(computed); // computed and stored
        expect(await json({ ...base, snapshots: { mode: 'use' } })).toEqual(computed); // read back
      }
    }
    expect((await ds.query(`SELECT count(*)::int AS n FROM dashboard_snapshots WHERE query = 'period=12m'`))[0].n).toBe(16);
  });

  it('when the worker refreshes, then it recomputes what was read in the last 7 days, drops the rest, and keeps no custom period', async () => {
    const ds = t.ctx.ds;
    await ds.query(`DELETE FROM dashboard_snapshots`); // the earlier tests' (one database for this file)
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    await facilitator.get('/dashboard?period=90d');
    await facilitator.get('/dashboard?period=custom&from=2026-01-01&to=2026-01-31');
    await facilitator.get('/dashboard?period=year&year=2025');
    await ds.query(`UPDATE dashboard_snapshots SET read_at = now() - interval '8 days' WHERE query = 'period=year&year=2025'`);
    expect((await versionAndKeys()).keys.filter((k) => k.query.startsWith('period=custom'))).toEqual([]);

    await rebuildRollups(ds, berlinToday(), berlinToday());
    const before = await versionAndKeys();
    expect(before.keys.some((k) => k.version < before.version)).toBe(true);
    expect(await refreshSnapshots(ds)).toBe(1);
    const after = await versionAndKeys();
    expect(after.keys.map((k) => k.query)).toEqual(Array(8).fill('period=90d'));
    expect(after.keys.every((k) => k.version === after.version)).toBe(true);
  });

  it('when the worker has refreshed the rollups and not yet the snapshots, then the page shows the previous ones instead of computing; after, the new ones', async () => {
    const ds = t.ctx.ds;
    const author = await createUser(ds, { administrationId: (await createAdministration(ds)).id });
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    const today = berlinToday();
    await createThread(ds, { author });
    await rebuildRollups(ds, today, today);
    const first = (await facilitator.get('/dashboard?period=30d')).text;
    const kept = await versionAndKeys();

    // The worker's refresh: a new version, its snapshots owed (rebuildRollups(…, true), as refreshRollups does).
    await createThread(ds, { author });
    await rebuildRollups(ds, today, today, true);
    expect((await ds.query(`SELECT snapshots_due_since IS NOT NULL AS due FROM dashboard_state`))[0].due).toBe(true);
    const meanwhile = (await facilitator.get('/dashboard?period=30d')).text;
    expect(sectionsOf(meanwhile)).toBe(sectionsOf(first));
    expect((await versionAndKeys()).keys).toEqual(kept.keys); // nothing computed by the reader

    expect(await refreshSnapshots(ds)).toBeGreaterThanOrEqual(1);
    expect((await ds.query(`SELECT snapshots_due_since IS NULL AS done FROM dashboard_state`))[0].done).toBe(true);
    const after = (await facilitator.get('/dashboard?period=30d')).text;
    expect(activityOf(after)).not.toBe(activityOf(first));

    // A debt the worker did not pay (it failed midway): snapshots computed more than 15 minutes ago are not shown.
    await createThread(ds, { author });
    await rebuildRollups(ds, today, today, true);
    await ds.query(`UPDATE dashboard_snapshots SET computed_at = now() - interval '16 minutes'`);
    const late = (await facilitator.get('/dashboard?period=30d')).text;
    expect(activityOf(late)).not.toBe(activityOf(after));
    const now = await versionAndKeys();
    expect(now.keys.filter((k) => k.query === 'period=30d').every((k) => k.version === now.version)).toBe(true);
  });
});
