import { describe, expect, it } from '@jest/globals';
import type { RegisterInput } from '../../../src/modules/accounts/accounts.schemas.js';
import { completeRegistration, register } from '../../../src/modules/accounts/accounts.service.js';
import { keyedHash } from '../../../src/modules/accounts/tokens.js';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { linkIn, outboxFor, statementsOf } from '../../support/db.js';
import { memberState } from '../../support/accounts-factories.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';

const NEW_PASSWORD = 'a long and new sentence';

function registration(o: Partial<Record<string, string>> = {}) {
  const handle = uniq('r');
  return {
    name: 'Jana Beispiel',
    handle,
    email: `${handle}@unknown-town.example`,
    password: 'a sentence of several words',
    organization: 'Gemeinde Irgendwo',
    language: 'de',
    consent: 'yes',
    ...o,
  } as Record<string, string>;
}

describe('registration', () => {
  const t = useTestApp();
  const userByEmail = async (email: string) =>
    (await t.ctx.ds.query(`SELECT * FROM users WHERE email = $1`, [email]))[0];

  it('when someone registers with a known domain, confirms, signs in, edits the profile, changes the password and signs out, then each step works', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const form = registration({ email: `jana.${uniq()}@${adm.domain}` });
    const b = new Browser(t.app);

    const reg = await b.post('/register', form, '/register');
    expect(reg.status).toBe(303);
    expect(reg.headers.location).toBe('/register/sent');
    await t.drain(); // the worker creates the account
    const user = await userByEmail(form.email!);
    expect(user).toMatchObject({ status: 'unconfirmed', handle: form.handle, administration_id: adm.id, requested_organization: 'Gemeinde Irgendwo' });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);

    // Not yet confirmed: sign-in is refused with a clear message.
    const early = await b.post('/login', { email: form.email!, password: form.password! }, '/login');
    expect(early.status).toBe(403);
    expect(early.text).toContain('Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse');

    const [mail] = await outboxFor(t.ctx.ds, form.email!);
    expect(mail!.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const confirm = await b.get(linkIn(mail!.text, '/register/confirm'));
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Ihr Konto ist aktiv');
    expect(await userByEmail(form.email!)).toMatchObject({ status: 'active' });
    expect((await userByEmail(form.email!)).email_confirmed_at).not.toBeNull();

    const login = await b.post('/login', { email: form.email!.toUpperCase(), password: form.password! }, '/login');
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect(me.text).toContain(form.email);

    const profile = await b.post('/me/profile', { name: 'Jana Beispiel-Neu', jobTitle: 'Referentin', department: 'Bürgerbüro', language: 'en', bio: 'Beteiligung' }, '/me');
    expect(profile.status).toBe(303);
    expect(await userByEmail(form.email!)).toMatchObject({ name: 'Jana Beispiel-Neu', job_title: 'Referentin', department: 'Bürgerbüro', language: 'en', bio: 'Beteiligung' });
    // The member's language setting now decides the page language.
    expect((await b.get('/me')).text).toContain('<html lang="en">');

    const pw = await b.post('/me/password', { currentPassword: form.password!, newPassword: NEW_PASSWORD }, '/me/password');
    expect(pw.status).toBe(303);
    expect((await b.get('/me')).status).toBe(200); // this session stays signed in
    const changedMail = (await outboxFor(t.ctx.ds, form.email!)).at(-1)!;
    expect(changedMail.subject).toBe('Your password has been changed');

    const out = await b.post('/logout', {}, '/me');
    expect(out.status).toBe(303);
    const after = await b.get('/me');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fme');

    const oldPw = await new Browser(t.app).post('/login', { email: form.email!, password: form.password! }, '/login');
    expect(oldPw.status).toBe(422);
    await signedIn(t.app, { ...user, email: form.email!, password: NEW_PASSWORD });
  }, 120_000); // seven password hashes (argon2) and a worker run on a loaded machine

  it('when someone registers with an unknown domain and confirms, then the account is pending, facilitators are told and the person is in the queue', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const form = registration();
    const b = new Browser(t.app);
    expect((await b.post('/register', form, '/register')).status).toBe(303);
    await t.drain();
    const [mail] = await outboxFor(t.ctx.ds, form.email!);
    const confirm = await b.get(linkIn(mail!.text, '/register/confirm'));
    expect(confirm.status).toBe(200);
    expect(confirm.text).toMatch(/kern-alert--info" role="status" id="notice">[\s\S]{0,300}Unser Moderationsteam prüft Ihre Anmeldung/);
    const user = await userByEmail(form.email!);
    expect(user).toMatchObject({ status: 'pending', administration_id: null });

    const notice = (await outboxFor(t.ctx.ds, facilitator.email)).find((m) => m.text.includes(form.name!));
    expect(notice?.subject).toBe('Neue Registrierung wartet auf Freigabe');
    expect(notice?.text).toContain('http://praxis.test/admin/approvals');

    const pending = await new Browser(t.app).post('/login', { email: form.email!, password: form.password! }, '/login');
    expect(pending.status).toBe(403);
    expect(pending.text).toMatch(/kern-alert--info" role="status" id="notice">[\s\S]{0,200}Ihre Registrierung wird noch geprüft/);
    expect(pending.text).not.toContain('Bitte korrigieren');

    const f = await signedIn(t.app, facilitator);
    const queue = await f.get('/admin/approvals');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(form.email);
    expect(queue.text).toContain('Gemeinde Irgendwo');
  });

  it('when a facilitator approves a pending registration with an administration, then the person is active, mailed and the decision is in the audit log', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const adm = await createAdministration(t.ctx.ds, { name: `Gemeinde ${uniq()}` });
    const person = await createUser(t.ctx.ds, { status: 'pending', administrationId: null });
    const f = await signedIn(t.app, facilitator);

    const res = await f.post(`/admin/approvals/${person.id}/approve`, { administrationId: String(adm.id) }, '/admin/approvals');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/approvals');
    const [row] = await t.ctx.ds.query(`SELECT status, administration_id, decided_by, decided_at FROM users WHERE id = $1`, [person.id]);
    expect(row).toMatchObject({ status: 'active', administration_id: adm.id, decided_by: facilitator.id });
    expect(row.decided_at).not.toBeNull();
    const [mail] = await outboxFor(t.ctx.ds, person.email);
    expect(mail!.subject).toBe('Ihr Praxis-Konto ist freigeschaltet');
    expect(mail!.text).toContain(adm.name);
    const audit = await t.ctx.ds.query(`SELECT actor_id, action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1`, [String(person.id)]);
    expect(audit).toEqual([{ actor_id: facilitator.id, action: 'user.approved' }]);
    await signedIn(t.app, person);

    // Deciding twice is refused and changes nothing.
    const before = await memberState(t.ctx.ds, person.id);
    const again = await f.post(`/admin/approvals/${person.id}/reject`, { reason: 'zu spät entschieden' }, '/admin/approvals');
    expect(again.status).toBe(409);
    expect(again.text).toContain('Über diese Registrierung wurde bereits entschieden');
    expect(await memberState(t.ctx.ds, person.id)).toEqual(before);
  });

  it('when a facilitator rejects a pending registration with a reason, then the person is rejected, gets the reason by e-mail and cannot sign in', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const person = await createUser(t.ctx.ds, { status: 'pending', administrationId: null, language: 'en' });
    const f = await signedIn(t.app, facilitator);

    // Too short a reason first: 422, the summary links to this row's field, which keeps the text.
    const short = await f.post(`/admin/approvals/${person.id}/reject`, { reason: 'Nein' }, '/admin/approvals');
    expect(short.status).toBe(422);
    expect(short.text).toContain(`href="#reason-${person.id}"`);
    expect(short.text).toMatch(new RegExp(`id="reason-${person.id}"[^>]*aria-invalid="true"[^>]*value="Nein"`));
    expect((await t.ctx.ds.query(`SELECT status FROM users WHERE id = $1`, [person.id]))[0].status).toBe('pending');

    const res = await f.post(`/admin/approvals/${person.id}/reject`, { reason: 'Kein Bezug zur Verwaltung erkennbar' }, '/admin/approvals');
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT status, rejection_reason, decided_by FROM users WHERE id = $1`, [person.id]);
    expect(row).toEqual({ status: 'rejected', rejection_reason: 'Kein Bezug zur Verwaltung erkennbar', decided_by: facilitator.id });
    const [mail] = await outboxFor(t.ctx.ds, person.email);
    expect(mail!.subject).toBe('Your registration with Praxis');
    expect(mail!.text).toContain('Kein Bezug zur Verwaltung erkennbar');
    const [audit] = await t.ctx.ds.query(`SELECT action, reason FROM audit_log WHERE subject_type = 'user' AND subject_id = $1`, [String(person.id)]);
    expect(audit).toEqual({ action: 'user.rejected', reason: 'Kein Bezug zur Verwaltung erkennbar' });

    const login = await new Browser(t.app).post('/login', { email: person.email, password: person.password }, '/login');
    expect(login.status).toBe(403);
    expect(login.text).toContain('Ihre Registrierung wurde nicht freigeschaltet');
    expect(login.text).not.toContain('id="error-summary"');
  });

  it('when a decision lacks an administration or a reason, then 422 and nothing changes', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const person = await createUser(t.ctx.ds, { status: 'pending', administrationId: null });
    const f = await signedIn(t.app, facilitator);
    const before = await memberState(t.ctx.ds, person.id);

    const noAdm = await f.post(`/admin/approvals/${person.id}/approve`, { administrationId: '' }, '/admin/approvals');
    expect(noAdm.status).toBe(422);
    const unknownAdm = await f.post(`/admin/approvals/${person.id}/approve`, { administrationId: '999999999' }, '/admin/approvals');
    expect(unknownAdm.status).toBe(422);
    for (const id of ['abc', '99999999999']) {
      expect((await f.post(`/admin/approvals/${id}/approve`, { administrationId: '1' }, '/admin/approvals')).status).toBe(404);
      expect((await f.post(`/admin/approvals/${id}/reject`, { reason: 'gibt es nicht' }, '/admin/approvals')).status).toBe(404);
    }
    const noReason = await f.post(`/admin/approvals/${person.id}/reject`, { reason: ' ' }, '/admin/approvals');
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Bitte nennen Sie einen Grund');
    expect(await memberState(t.ctx.ds, person.id)).toEqual(before);
  });

  it('when a member tries to approve or reject, then 403 and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const adm = await createAdministration(t.ctx.ds);
    const person = await createUser(t.ctx.ds, { status: 'pending', administrationId: null });
    const m = await signedIn(t.app, member);
    const before = await memberState(t.ctx.ds, person.id);

    expect((await m.get('/admin/approvals')).status).toBe(403);
    expect((await m.post(`/admin/approvals/${person.id}/approve`, { administrationId: String(adm.id) })).status).toBe(403);
    expect((await m.post(`/admin/approvals/${person.id}/reject`, { reason: 'ich darf das nicht' })).status).toBe(403);
    expect(await memberState(t.ctx.ds, person.id)).toEqual(before);
  });

  it('when an already registered e-mail registers again, then the same page is shown, nothing is created and the owner is told', async () => {
    const owner = await createUser(t.ctx.ds, { language: 'en' });
    const before = await memberState(t.ctx.ds, owner.id);
    const fresh = await new Browser(t.app).post('/register', registration(), '/register');

    const res = await new Browser(t.app).post('/register', registration({ email: owner.email.toUpperCase() }), '/register');
    expect(res.status).toBe(fresh.status);
    expect(res.headers.location).toBe(fresh.headers.location);
    await t.drain();
    const [{ count }] = await t.ctx.ds.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [owner.email]);
    expect(count).toBe(1);
    const mails = await outboxFor(t.ctx.ds, owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Registration with your address');
    expect(mails[0]!.text).toContain('http://praxis.test/password/forgot');
    const after = (await memberState(t.ctx.ds, owner.id)) as { mail: unknown[] };
    expect({ ...after, mail: [] }).toEqual({ ...(before as object), mail: [] });
  });

  it('when a registered and a new e-mail register, then the request runs the same statements and answers the same; the worker does the rest', async () => {
    const owner = await createUser(t.ctx.ds);
    const send = async (form: Record<string, string>) => {
      const b = new Browser(t.app);
      const token = csrfIn((await b.get('/register')).text);
      let res: Awaited<ReturnType<typeof b.agent.post>> | undefined;
      const statements = await statementsOf(t.ctx.ds, async () => {
        res = await b.agent.post('/register').type('form').send({ ...form, _csrf: token });
      });
      return { statements, status: res!.status, location: res!.headers.location };
    };
    const known = await send(registration({ email: owner.email }));
    const fresh = registration();
    const unknown = await send(fresh);
    expect(known.statements).toEqual(unknown.statements);
    expect(known.statements.join('\n')).toMatch(/INSERT INTO outbox/);
    expect(known.statements.join('\n')).not.toMatch(/user_tokens|administration_domains|INSERT INTO "?users/);
    expect([known.status, known.location]).toEqual([303, '/register/sent']);
    expect([unknown.status, unknown.location]).toEqual([303, '/register/sent']);

    await t.drain();
    expect(await userByEmail(fresh.email!)).toMatchObject({ status: 'unconfirmed', handle: fresh.handle });
    expect((await outboxFor(t.ctx.ds, fresh.email!)).map((m) => m.subject)).toEqual(['Bitte bestätigen Sie Ihre E-Mail-Adresse']);
    expect((await outboxFor(t.ctx.ds, owner.email)).map((m) => m.subject)).toEqual(['Registrierung mit Ihrer Adresse']);
    // The handled requests keep a keyed hash of the e-mail, not the form (nor the password hash).
    const rows: { payload: Record<string, unknown> }[] = await t.ctx.ds.query(
      `SELECT payload FROM outbox WHERE topic = 'accounts.registration-requested' AND payload ->> 'emailHash' = ANY($1)`,
      [[owner.email, fresh.email!].map((e) => keyedHash(t.ctx.config.sessionSecret, 'registration', e))]);
    expect(rows.map((r) => Object.keys(r.payload))).toEqual([['emailHash'], ['emailHash']]);
  });

  it('when a taken user name comes with a registered or a new e-mail, then both get the same 409, so the answer does not tell which e-mail is registered', async () => {
    const owner = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    const registered = await new Browser(t.app).post('/register', registration({ email: owner.email, handle: other.handle }), '/register');
    const fresh = registration({ handle: other.handle });
    const unregistered = await new Browser(t.app).post('/register', fresh, '/register');
    expect(registered.status).toBe(409);
    expect(unregistered.status).toBe(409);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
    expect(strip(registered.text)).toEqual(strip(unregistered.text));
    await t.drain();
    expect(await outboxFor(t.ctx.ds, owner.email)).toEqual([]);
    expect(await userByEmail(fresh.email!)).toBeUndefined();
  });

  it('when the same e-mail or user name is registered twice at the same moment, then one account is made and the other person is told by e-mail', async () => {
    const form = registration();
    const input = { ...form, organization: '', language: 'de' as const, consent: 'yes' as const } as RegisterInput;
    const rowsOf = async (email: string) => (await t.ctx.ds.query(
      `SELECT id FROM outbox WHERE topic = 'accounts.registration-requested' AND payload ->> 'emailHash' = $1 ORDER BY id`,
      [keyedHash(t.ctx.config.sessionSecret, 'registration', email)])).map((r: { id: string }) => Number(r.id));
    /** Both requests handled at once, as two workers would; a loser's retry then finishes its row. */
    const race = async (ids: number[]) => {
      const first = await Promise.allSettled(ids.map((id) => completeRegistration(t.ctx, id)));
      for (const [i, r] of first.entries()) if (r.status === 'rejected') await completeRegistration(t.ctx, ids[i]!);
    };

    await Promise.all([register(t.ctx, input), register(t.ctx, { ...input, handle: uniq('r') })]);
    await race(await rowsOf(form.email!));
    const [{ count }] = await t.ctx.ds.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [form.email]);
    expect(count).toBe(1);
    expect((await outboxFor(t.ctx.ds, form.email!)).map((m) => m.subject).sort()).toEqual(['Bitte bestätigen Sie Ihre E-Mail-Adresse', 'Registrierung mit Ihrer Adresse']);

    const handle = uniq('r');
    const [a, b] = [`${uniq('a')}@unknown-town.example`, `${uniq('b')}@unknown-town.example`];
    await Promise.all([register(t.ctx, { ...input, handle, email: a }), register(t.ctx, { ...input, handle, email: b })]);
    await race([...(await rowsOf(a)), ...(await rowsOf(b))]);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM users WHERE handle = $1`, [handle]);
    expect(n).toBe(1);
    const subjects = [...(await outboxFor(t.ctx.ds, a)), ...(await outboxFor(t.ctx.ds, b))].map((m) => m.subject).sort();
    expect(subjects).toEqual(['Bitte bestätigen Sie Ihre E-Mail-Adresse', 'Ihre Registrierung bei Praxis']);
    const taken = [...(await outboxFor(t.ctx.ds, a)), ...(await outboxFor(t.ctx.ds, b))].find((m) => m.subject === 'Ihre Registrierung bei Praxis')!;
    expect(taken.text).toContain(`„${handle}“`);
    expect(taken.text).toContain('http://praxis.test/register');
  });

  it('when the user name is taken, then 409 with the message at the field and the input kept', async () => {
    const other = await createUser(t.ctx.ds);
    const form = registration({ handle: other.handle });
    const res = await new Browser(t.app).post('/register', form, '/register');
    expect(res.status).toBe(409);
    expect(res.text).toContain('id="field-handle-error"');
    expect(res.text).toContain('Dieser Benutzername ist schon vergeben');
    expect(res.text).toContain(`value="${form.email}"`);
    expect(await userByEmail(form.email!)).toBeUndefined();
  });

  it('when the registration form is invalid, then 422 lists each problem, ties messages to fields and keeps the input except the password', async () => {
    const form = registration({ name: 'Jana <b>', email: 'not-an-email', password: 'short', consent: '' });
    const res = await new Browser(t.app).post('/register', form, '/register');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toContain('href="#field-email"');
    expect(res.text).toContain('href="#field-password"');
    expect(res.text).toContain('href="#field-consent"');
    expect(res.text).toMatch(/id="field-email"[^>]*aria-describedby="field-email-hint field-email-error"/s);
    expect(res.text).toMatch(/id="field-email-error"[\s\S]*Bitte geben Sie eine gültige E-Mail-Adresse ein/);
    expect(res.text).toMatch(/id="field-password"[^>]*aria-invalid="true"/s);
    expect(res.text).toContain('Das Passwort muss mindestens 10 Zeichen lang sein');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="Jana &lt;b&gt;"');
    expect(res.text).not.toContain('value="short"');
    expect(res.text).toContain('<h1 class="kern-heading-large">Registrieren</h1>');
    const [{ count }] = await t.ctx.ds.query(`SELECT count(*)::int AS count FROM users WHERE handle = $1`, [form.handle]);
    expect(count).toBe(0);
  });

  it('when a confirmation link is used twice, expired or made up, then it is refused', async () => {
    const form = registration();
    await new Browser(t.app).post('/register', form, '/register');
    await t.drain();
    const link = linkIn((await outboxFor(t.ctx.ds, form.email!))[0]!.text, '/register/confirm');
    expect((await new Browser(t.app).get(link)).status).toBe(200);
    const user = await userByEmail(form.email!);
    const before = await memberState(t.ctx.ds, user.id);

    const reused = await new Browser(t.app).get(link);
    expect(reused.status).toBe(422);
    expect(reused.text).toContain('Dieser Link ist ungültig oder wurde schon verwendet');
    expect((await new Browser(t.app).get('/register/confirm?token=made-up-token')).status).toBe(422);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);

    const form2 = registration();
    await new Browser(t.app).post('/register', form2, '/register');
    await t.drain();
    const user2 = await userByEmail(form2.email!);
    await t.ctx.ds.query(`UPDATE user_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user2.id]);
    const before2 = await memberState(t.ctx.ds, user2.id);
    const expired = await new Browser(t.app).get(linkIn((await outboxFor(t.ctx.ds, form2.email!))[0]!.text, '/register/confirm'));
    expect(expired.status).toBe(422);
    expect(expired.text).toContain('Dieser Link ist abgelaufen');
    expect(await memberState(t.ctx.ds, user2.id)).toEqual(before2);
  });
});
