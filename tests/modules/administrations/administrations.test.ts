import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { PAGE_SIZE } from '../../../src/shared/pagination.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';

async function adminBrowser(t: { app: import('express').Express; ctx: { ds: DataSource } }) {
  const totpSecret = generateTotpSecret();
  const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret });
  return { admin, b: await signedIn(t.app, { ...admin, totpSecret }) };
}

function form(o: Partial<Record<string, string>> = {}): Record<string, string> {
  const slug = uniq('stadt-');
  return {
    name: `Stadt ${slug}`, slug, kind: 'municipality', state: 'TH', ags: '', population: '42000',
    website: 'https://www.example.org', domains: `${slug}.example`, description: 'Eine Stadt.', ...o,
  } as Record<string, string>;
}

const randomAgs = (statePrefix: string) => `${statePrefix}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
const domainsIn = (f: Record<string, string>) => f.domains!.toLowerCase().split(/[\s,;]+/).map((d) => d.replace(/^@/, '')).filter(Boolean);

/**
 * The administrations with these slugs or owning these domains, their domains and audit entries,
 * as comparable JSON (scoped: other test files write administrations at the same time).
 */
async function administrationsState(ds: DataSource, slugs: string[], domains: string[] = []): Promise<unknown> {
  const a = await ds.query(
    `SELECT * FROM administrations WHERE slug = ANY($1)
        OR id IN (SELECT administration_id FROM administration_domains WHERE domain = ANY($2)) ORDER BY id`, [slugs, domains]);
  const ids = a.map((r: { id: number }) => r.id);
  const d = await ds.query(`SELECT * FROM administration_domains WHERE domain = ANY($1) OR administration_id = ANY($2) ORDER BY domain`, [domains, ids]);
  const audit = await ds.query(`SELECT id FROM audit_log WHERE subject_type = 'administration' AND subject_id = ANY($1) ORDER BY id`, [ids.map(String)]);
  return JSON.parse(JSON.stringify({ a, d, audit }));
}

describe('administrations: list and profile', () => {
  const t = useTestApp();

  it('when the list is filtered by state, kind and size class, then only matching administrations are shown', async () => {
    const tag = uniq('Filterstadt');
    const small = await createAdministration(t.ctx.ds, { name: `${tag} Klein`, state: 'BY', kind: 'municipality', population: 8000 });
    const county = await createAdministration(t.ctx.ds, { name: `${tag} Kreis`, state: 'BY', kind: 'county', population: 150000 });
    const north = await createAdministration(t.ctx.ds, { name: `${tag} Nord`, state: 'SH', kind: 'municipality', population: 15000 });
    const names = (html: string) => [small, county, north].filter((a) => html.includes(`href="/administrations/${a.slug}"`)).map((a) => a.name);
    const list = (q: string) => new Browser(t.app).get(`/administrations?q=${encodeURIComponent(tag)}${q}`);

    expect(names((await list('')).text)).toEqual([small.name, county.name, north.name]);
    expect(names((await list('&state=BY')).text)).toEqual([small.name, county.name]);
    expect(names((await list('&kind=county')).text)).toEqual([county.name]);
    expect(names((await list('&size=10k-20k')).text)).toEqual([north.name]);
    expect(names((await list('&state=BY&kind=municipality&size=lt10k')).text)).toEqual([small.name]);
    const page = await list('&state=BY');
    expect(page.text).toContain('2 Verwaltungen');
    expect(page.text).toMatch(/<option value="BY" selected>Bayern<\/option>/);
    // Unknown filter values are ignored rather than failing.
    expect(names((await list('&state=XX&kind=castle&size=huge')).text)).toHaveLength(3);
  });

  it('when a visitor opens a profile, then the facts are shown but not the members; a member sees the members', async () => {
    const adm = await createAdministration(t.ctx.ds, { population: 25000 });
    await t.ctx.ds.query(`UPDATE administrations SET ags = NULL, website = 'https://www.example.org', description = 'Eine Beschreibung' WHERE id = $1`, [adm.id]);
    const colleague = await createUser(t.ctx.ds, { administrationId: adm.id, name: 'Kollegin Sichtbar' });
    await createUser(t.ctx.ds, { administrationId: adm.id, status: 'pending', name: 'Noch Wartend' });

    const visitor = await new Browser(t.app).get(`/administrations/${adm.slug}`);
    expect(visitor.status).toBe(200);
    expect(visitor.text).toContain(adm.name);
    expect(visitor.text).toContain('25.000 (20.000–50.000 Einw.)');
    expect(visitor.text).toContain('Eine Beschreibung');
    expect(visitor.text).not.toContain('Kollegin Sichtbar');
    expect(visitor.text).toContain('Die Mitglieder sehen nur angemeldete Personen');

    const member = await signedIn(t.app, colleague);
    const page = await member.get(`/administrations/${adm.slug}`);
    expect(page.text).toContain(`href="/members/${colleague.handle}"`);
    expect(page.text).not.toContain('Noch Wartend');
    expect(page.text).not.toContain('/edit');

    expect((await new Browser(t.app).get('/administrations/does-not-exist')).status).toBe(404);
  });

  it('when a signed-in member opens a profile without members, then it says there are none (not "sign in")', async () => {
    const empty = await createAdministration(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const res = await b.get(`/administrations/${empty.slug}`);
    expect(res.text).toContain('Noch keine Mitglieder.');
    expect(res.text).not.toContain('Die Mitglieder sehen nur angemeldete Personen');
  });
});

describe('administrations: create and edit (admins)', () => {
  const t = useTestApp();

  it('when there are more administrations than fit a page, then the admin list links the next page, which lists others, and keeps the search in the links', async () => {
    const { b } = await adminBrowser(t);
    const tag = uniq('Seitenprobe');
    for (let i = 0; i <= PAGE_SIZE; i++) await createAdministration(t.ctx.ds, { name: `${tag} ${String(i).padStart(2, '0')}` });
    const first = await b.get(`/admin/administrations?q=${encodeURIComponent(tag)}`);
    expect(first.status).toBe(200);
    const names = (html: string) => [...html.matchAll(new RegExp(`>(${tag} \\d\\d)</a>`, 'g'))].map((m) => m[1]);
    const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).toContain(`q=${encodeURIComponent(tag)}`);
    const second = await b.get(next!);
    const all = [...names(first.text), ...names(second.text)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(names(first.text).length);
  });

  it('when an admin creates an administration, then it is stored with its domains, derived size class and an audit entry', async () => {
    const { admin, b } = await adminBrowser(t);
    expect((await b.get('/admin/administrations/new')).status).toBe(200);
    const ags = randomAgs('16');
    const f = form({ ags: `${ags.slice(0, 2)} ${ags.slice(2, 5)} ${ags.slice(5)}`, population: '110.500', domains: `Rathaus.${uniq()}.example\n@amt.${uniq()}.example` });
    const res = await b.post('/admin/administrations', f, '/admin/administrations/new');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/administrations/${f.slug}`);
    const [row] = await t.ctx.ds.query(`SELECT * FROM administrations WHERE slug = $1`, [f.slug]);
    expect(row).toMatchObject({ name: f.name, kind: 'municipality', state: 'TH', ags, population: 110500, size_class: '100k-500k', website: 'https://www.example.org' });
    const domains = await t.ctx.ds.query(`SELECT domain FROM administration_domains WHERE administration_id = $1 ORDER BY domain`, [row.id]);
    expect(domains.map((d: { domain: string }) => d.domain)).toEqual(domainsIn(f).sort());
    const [audit] = await t.ctx.ds.query(`SELECT actor_id, action FROM audit_log WHERE subject_type = 'administration' AND subject_id = $1`, [String(row.id)]);
    expect(audit).toEqual({ actor_id: admin.id, action: 'administration.created' });
    expect((await b.get(`/administrations/${f.slug}`)).text).toContain('Die Verwaltung wurde gespeichert');
    // The admin list pages through every administration; its name search finds the new one.
    expect((await b.get(`/admin/administrations?q=${encodeURIComponent(f.name)}`)).text).toContain(`href="/admin/administrations/${f.slug}/edit"`);

    // Registrations from the new domain are now recognised.
    const handle = uniq('n');
    await new Browser(t.app).post('/register', {
      name: 'Neue Person', handle, email: `${handle}@${domains[0].domain}`, password: 'a sentence of many words', consent: 'yes',
    }, '/register');
    await t.drain(); // the worker creates the account
    expect((await t.ctx.ds.query(`SELECT administration_id FROM users WHERE handle = $1`, [handle]))[0].administration_id).toBe(row.id);
  });

  it('when the slug is left empty, then it is derived from the name, with a suffix when taken, and kept on edit', async () => {
    const { b } = await adminBrowser(t);
    const tag = uniq('Bad Süß');
    const base = `landkreis-${tag.toLowerCase().replace('ü', 'ue').replace('ß', 'ss').replace(/[^a-z0-9]+/g, '-')}`;
    const first = await b.post('/admin/administrations', form({ name: `Landkreis ${tag}`, slug: '' }), '/admin/administrations/new');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/administrations/${base}`);
    const second = await b.post('/admin/administrations', form({ name: `Landkreis ${tag}`, slug: '  ' }), '/admin/administrations/new');
    expect(second.headers.location).toBe(`/administrations/${base}-2`);
    const rows = await t.ctx.ds.query(`SELECT slug FROM administrations WHERE name = $1 ORDER BY id`, [`Landkreis ${tag}`]);
    expect(rows.map((r: { slug: string }) => r.slug)).toEqual([base, `${base}-2`]);
    // A typed slug that is taken is still refused rather than changed behind the admin's back.
    const typed = await b.post('/admin/administrations', form({ name: `Landkreis ${tag}`, slug: base }), '/admin/administrations/new');
    expect(typed.status).toBe(409);
    // Emptied on edit: the address stays.
    const edited = await b.post(`/admin/administrations/${base}`, form({ name: `Landkreis ${tag} neu`, slug: '' }), `/admin/administrations/${base}/edit`);
    expect(edited.headers.location).toBe(`/administrations/${base}`);
    // The form no longer requires the field and says what happens when it is empty.
    const page = await b.get('/admin/administrations/new');
    expect(page.text).not.toMatch(/id="field-slug"[^>]*required/);
    expect(page.text).toContain('Leer lassen, um sie aus dem Namen abzuleiten');
    // The admin list names the Land, not its code.
    expect((await b.get('/admin/administrations')).text).toContain(`${base}/edit">Landkreis ${tag} neu</a> (Thüringen)`);
  });

  it.each([
    ['AGS not 8 digits', { ags: '1605300' }, 'ags', 'hat genau 8 Ziffern'],
    ['AGS with letters', { ags: '1605300a' }, 'ags', 'hat genau 8 Ziffern'],
    ['AGS of another state', { ags: '05315000', state: 'TH' }, 'ags', 'passt nicht zum Bundesland'],
    ['unknown state', { state: 'XX' }, 'state', 'Bitte wählen Sie ein Bundesland'],
    ['negative population', { population: '-5' }, 'population', 'ganze Zahl ab 0'],
    ['population with decimals', { population: '12,5' }, 'population', 'ganze Zahl ab 0'],
    ['invalid domain', { domains: 'stadt' }, 'domains', 'gültige Domains'],
    ['domain with a path', { domains: 'stadt.de/rathaus' }, 'domains', 'gültige Domains'],
    ['website without scheme', { website: 'www.example.org' }, 'website', 'https://'],
    ['bad slug', { slug: 'Stadt Jena!' }, 'slug', 'Nur Kleinbuchstaben'],
    ['unknown kind', { kind: 'castle' }, 'kind', 'Bitte füllen Sie dieses Feld aus'],
  ])('when the form has %s, then 422 with the message at the field, the input kept and nothing stored', async (_label, change, field, message) => {
    const { b } = await adminBrowser(t);
    const f = form({ name: `Stadt "${uniq()}"`, ...change });
    const before = await administrationsState(t.ctx.ds, [f.slug!], domainsIn(f));
    const res = await b.post('/admin/administrations', f, '/admin/administrations/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toContain(`href="#field-${field}"`);
    expect(res.text).toMatch(new RegExp(`id="field-${field}-error"[\\s\\S]{0,200}${message}`));
    expect(res.text).toMatch(new RegExp(`id="field-${field}"[^>]*aria-describedby="[^"]*field-${field}-error"`));
    expect(res.text).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
    expect(res.text).toContain(`value="${f.name!.replace(/"/g, '&quot;')}"`);
    expect(res.text).toContain('<h1 class="kern-heading-large">Neue Verwaltung</h1>');
    expect(before).toEqual({ a: [], d: [], audit: [] });
    expect(await administrationsState(t.ctx.ds, [f.slug!], domainsIn(f))).toEqual(before);
  });

  it('when the slug, AGS or a domain already belongs to another administration, then 409 names each field and nothing is stored', async () => {
    const { b } = await adminBrowser(t);
    const existing = form({ ags: randomAgs('16') });
    expect((await b.post('/admin/administrations', existing, '/admin/administrations/new')).status).toBe(303);
    const dup = form({ slug: existing.slug, ags: existing.ags, domains: `neu.${uniq()}.example\n${existing.domains}` });
    const before = await administrationsState(t.ctx.ds, [existing.slug!], domainsIn(dup));
    expect((before as { a: unknown[] }).a).toHaveLength(1);

    const res = await b.post('/admin/administrations', dup, '/admin/administrations/new');
    expect(res.status).toBe(409);
    expect(res.text).toContain('Diese Adresse wird schon verwendet');
    expect(res.text).toContain('Dieser Gemeindeschlüssel gehört schon zu einer anderen Verwaltung');
    expect(res.text).toContain('Mindestens eine Domain gehört schon zu einer anderen Verwaltung');
    expect(res.text).toMatch(/id="field-domains"[^>]*aria-describedby="field-domains-hint field-domains-error"/);
    expect(res.text).toContain(dup.domains!.split('\n')[0]);
    expect(await administrationsState(t.ctx.ds, [existing.slug!], domainsIn(dup))).toEqual(before);
  });

  it('when an admin edits an administration, then fields and domains change, its own domains stay allowed and the slug can change', async () => {
    const { admin, b } = await adminBrowser(t);
    const adm = await createAdministration(t.ctx.ds, { population: 5000 });
    const edit = await b.get(`/admin/administrations/${adm.slug}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain(`value="${adm.name}"`);
    expect(edit.text).toContain(adm.domain);

    const newSlug = uniq('umbenannt-');
    const extra = `${uniq()}.example`;
    const res = await b.post(`/admin/administrations/${adm.slug}`, form({ name: 'Umbenannt', slug: newSlug, kind: 'county', state: 'BY', population: '600000', domains: `${adm.domain}\n${extra}` }), `/admin/administrations/${adm.slug}/edit`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/administrations/${newSlug}`);
    const [row] = await t.ctx.ds.query(`SELECT name, slug, kind, state, population, size_class FROM administrations WHERE id = $1`, [adm.id]);
    expect(row).toEqual({ name: 'Umbenannt', slug: newSlug, kind: 'county', state: 'BY', population: 600000, size_class: 'gt500k' });
    const domains = await t.ctx.ds.query(`SELECT domain FROM administration_domains WHERE administration_id = $1 ORDER BY domain`, [adm.id]);
    expect(domains.map((d: { domain: string }) => d.domain).sort()).toEqual([adm.domain, extra].sort());
    const [audit] = await t.ctx.ds.query(`SELECT actor_id, action FROM audit_log WHERE subject_type = 'administration' AND subject_id = $1`, [String(adm.id)]);
    expect(audit).toEqual({ actor_id: admin.id, action: 'administration.updated' });
    expect((await b.get(`/admin/administrations/${adm.slug}/edit`)).status).toBe(404);
  });

  it('when an edit takes another administration\'s domain or has errors, then it is refused, the typed values stay and nothing changes', async () => {
    const { b } = await adminBrowser(t);
    const adm = await createAdministration(t.ctx.ds);
    const other = await createAdministration(t.ctx.ds);
    const before = await administrationsState(t.ctx.ds, [adm.slug, other.slug]);
    const taken = await b.post(`/admin/administrations/${adm.slug}`, form({ slug: adm.slug, name: 'Neuer Name', domains: other.domain }), `/admin/administrations/${adm.slug}/edit`);
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('value="Neuer Name"');
    expect(taken.text).toContain(`action="/admin/administrations/${adm.slug}"`);
    expect(taken.text).toContain(`<h1 class="kern-heading-large">${adm.name} bearbeiten</h1>`);
    const bad = await b.post(`/admin/administrations/${adm.slug}`, form({ slug: adm.slug, name: 'Neuer Name', ags: '123' }), `/admin/administrations/${adm.slug}/edit`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="Neuer Name"');
    expect(bad.text).toContain('value="123"');
    expect(await administrationsState(t.ctx.ds, [adm.slug, other.slug])).toEqual(before);
    expect((await b.post('/admin/administrations/does-not-exist', form(), '/admin/administrations/new')).status).toBe(404);
  });

  it('when a member or facilitator posts the forms, then 403 and nothing changes', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const fresh = form();
    const before = await administrationsState(t.ctx.ds, [adm.slug, fresh.slug!], domainsIn(fresh));
    for (const role of ['member', 'facilitator'] as const) {
      const b = await signedIn(t.app, await createUser(t.ctx.ds, { role }));
      expect((await b.post('/admin/administrations', fresh)).status).toBe(403);
      expect((await b.post(`/admin/administrations/${adm.slug}`, form({ slug: adm.slug, name: 'Übernommen' }))).status).toBe(403);
      expect((await b.get(`/admin/administrations/${adm.slug}/edit`)).status).toBe(403);
    }
    expect((await new Browser(t.app).post('/admin/administrations', fresh)).status).toBe(401);
    expect(await administrationsState(t.ctx.ds, [adm.slug, fresh.slug!], domainsIn(fresh))).toEqual(before);
  });
});
