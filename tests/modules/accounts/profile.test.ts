import { describe, expect, it } from '@jest/globals';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { outboxFor } from '../../support/db.js';
import { memberState } from '../../support/accounts-factories.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';

describe('profiles and simple forms', () => {
  const t = useTestApp();

  it('when the profile form is invalid, then 422 keeps every typed value, ties each message to its field and changes nothing', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const before = await memberState(t.ctx.ds, user.id);
    const bio = 'Ich arbeite an <Beteiligung> & Dialog.';
    const res = await b.post('/me/profile', { name: 'J', jobTitle: 'Referentin', department: 'Amt 61', language: 'fr', bio }, '/me');
    expect(res.status).toBe(422);
    expect(res.text).toContain('<h1 class="kern-heading-large">Mein Profil und Einstellungen</h1>');
    expect(res.text).toContain('href="#field-name"');
    expect(res.text).toContain('href="#field-language"');
    expect(res.text).toMatch(/id="field-name"[^>]*aria-describedby=" field-name-error"[^>]*aria-invalid="true"/s);
    expect(res.text).toMatch(/<select[^>]*id="field-language"[^>]*aria-describedby=" field-language-error"/s);
    expect(res.text).toContain('value="Referentin"');
    expect(res.text).toContain('value="Amt 61"');
    expect(res.text).toContain('Ich arbeite an &lt;Beteiligung&gt; &amp; Dialog.</textarea>');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when a member opens another member\'s profile, then name, job, administration and role are shown; unknown, pending or deleted members are 404', async () => {
    const adm = await createAdministration(t.ctx.ds, { name: `Stadt ${uniq()}` });
    const other = await createUser(t.ctx.ds, { administrationId: adm.id, role: 'facilitator', name: 'Maria Muster' });
    await t.ctx.ds.query(`UPDATE users SET job_title = 'Beteiligungsbeauftragte', bio = 'Zwei Zeilen' WHERE id = $1`, [other.id]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const res = await b.get(`/members/${other.handle.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Maria Muster');
    expect(res.text).toContain('Beteiligungsbeauftragte');
    expect(res.text).toContain(`href="/administrations/${adm.slug}"`);
    expect(res.text).toContain('Moderation');
    expect(res.text).toContain('>MM<');
    for (const status of ['pending', 'deleted'] as const) {
      const hidden = await createUser(t.ctx.ds, { status });
      expect((await b.get(`/members/${hidden.handle}`)).status).toBe(404);
    }
  });

  it('when accessibility feedback is sent, then it is stored and facilitators are told; an empty message is refused with the text kept', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = new Browser(t.app);
    const marker = uniq('Kontrast');
    const bad = await b.post('/barrierefreiheit', { name: 'Gast', email: '', page: '/forum', message: 'kurz' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="/forum"');
    expect(bad.text).toContain('kurz</textarea>');
    expect(bad.text).toMatch(/id="field-message"[^>]*aria-describedby=" field-message-error"/s);

    const ok = await b.post('/barrierefreiheit', { name: 'Gast', email: '', page: '/forum', message: `${marker}: der Kontrast der Links ist zu schwach.` });
    expect(ok.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT name, page, user_id FROM feedback WHERE message LIKE $1`, [`${marker}%`]);
    expect(row).toEqual({ name: 'Gast', page: '/forum', user_id: null });
    expect((await outboxFor(t.ctx.ds, facilitator.email)).some((m) => m.text.includes(marker))).toBe(true);
    const f = await signedIn(t.app, facilitator);
    expect((await f.get('/admin/feedback')).text).toContain(marker);
  });
});
