// The page's rendered sections, kept per process (dashboard.rendered.ts): a section read wholly from
// its snapshot is rendered once per snapshot row (its stamp: version and time computed) — a view
// after that reuses the HTML; a new snapshot renders anew; the live parts render on every view; a
// kept section still counts as read for the worker's recomputation; the store stays within its size.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { rebuildRollups } from '../../../src/modules/dashboard/index.js';
import { berlinToday } from '../../../src/modules/dashboard/dashboard.period.js';
import { RenderedSections } from '../../../src/modules/dashboard/dashboard.rendered.js';

const activityOf = (html: string) => html.slice(html.indexOf('id="dash-activity"'), html.indexOf('id="dash-topics"'));
const pendingOf = (html: string) => html.match(/href="\/admin\/approvals">([^<]+)</)?.[1];

describe('dashboard: rendered sections', () => {
  const t = useTestApp(usePrivateDatabase());

  it('when the page is viewed again, then a kept section is the HTML rendered for its snapshot until the snapshot changes, while the live parts are read anew', async () => {
    const ds = t.ctx.ds;
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    await createThread(ds, { author: await createUser(ds, { administrationId: (await createAdministration(ds)).id }) });
    await rebuildRollups(ds, berlinToday(), berlinToday());
    const first = (await facilitator.get('/dashboard?period=30d').expect(200)).text; // computes and stores the snapshots
    expect(activityOf(first)).toContain('>Neue Themen</a>');
    expect(activityOf((await facilitator.get('/dashboard?period=30d').expect(200)).text)).toBe(activityOf(first)); // renders them: kept

    // The snapshot's data changed behind the page's back, its stamp not: the page shows what it rendered.
    const changed = `UPDATE dashboard_snapshots SET data = replace(data::text, 'Neue Themen', 'Neue Themen (geändert)')::jsonb WHERE key LIKE 'activity|de|%'`;
    expect((await ds.query(changed))[1]).toBe(1);
    await createUser(ds, { status: 'pending' });
    const second = (await facilitator.get('/dashboard?period=30d').expect(200)).text;
    expect(activityOf(second)).toBe(activityOf(first));
    expect(pendingOf(second)).not.toBe(pendingOf(first)); // the approvals waiting are live

    // A snapshot computed again (a new stamp): rendered from it.
    await ds.query(`UPDATE dashboard_snapshots SET computed_at = clock_timestamp() WHERE key LIKE 'activity|de|%'`);
    const third = (await facilitator.get('/dashboard?period=30d').expect(200)).text;
    expect(activityOf(third)).toContain('>Neue Themen (geändert)</a>');

    // The same period in the other language is a snapshot — and a rendering — of its own.
    const en = await signedIn(t.app, await createUser(ds, { role: 'facilitator', language: 'en' }));
    await en.get('/dashboard?period=30d').expect(200);
    const english = activityOf((await en.get('/dashboard?period=30d').expect(200)).text);
    expect(english).toContain('>New threads</a>');
    expect(english).not.toContain('Neue Themen');
  });

  it('when a kept section is shown, then its snapshot still counts as read (at most hourly), so the worker keeps recomputing it', async () => {
    const ds = t.ctx.ds;
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    await facilitator.get('/dashboard?period=90d').expect(200);
    await facilitator.get('/dashboard?period=90d').expect(200); // kept from here on
    await ds.query(`UPDATE dashboard_snapshots SET read_at = now() - interval '2 hours' WHERE query = 'period=90d'`);
    await facilitator.get('/dashboard?period=90d').expect(200);
    const rows: { key: string; recent: boolean }[] = await ds.query(
      `SELECT key, read_at > now() - interval '1 minute' AS recent FROM dashboard_snapshots WHERE query = 'period=90d' ORDER BY key`);
    expect(rows.map((r) => r.key.split('|')[0])).toEqual(['activity', 'gaps', 'health', 'learning', 'members', 'participation', 'questions', 'topics']);
    expect(rows.filter((r) => !r.recent)).toEqual([]);
  });

  it('when more is kept than its size allows, then the least recently used goes first, and a stamp other than the kept one finds nothing', () => {
    const b = (s: string) => Buffer.from(s, 'utf8');
    const text = (x: Buffer | undefined) => x?.toString('utf8');
    const kept = new RenderedSections(10);
    kept.set('a', '1', b('aaaa'));
    kept.set('b', '1', b('bbbb'));
    expect(text(kept.get('a', '1'))).toBe('aaaa'); // a is now the most recently used
    kept.set('c', '1', b('cccc'));
    expect(kept.get('b', '1')).toBeUndefined();
    expect(text(kept.get('a', '1'))).toBe('aaaa');
    expect(kept.get('a', '2')).toBeUndefined();
    kept.set('a', '2', b('a–')); // 4 bytes in UTF-8: the bound counts bytes
    expect(text(kept.get('a', '2'))).toBe('a–');
    expect(kept.size).toEqual({ entries: 2, bytes: 8 });
    kept.set('d', '1', b('x'.repeat(11))); // larger than the whole store: not kept, nothing else dropped
    expect(kept.get('d', '1')).toBeUndefined();
    expect(kept.size).toEqual({ entries: 2, bytes: 8 });
  });
});
