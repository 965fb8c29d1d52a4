// Steps that many journeys share: sign in (with a second factor), sign out, set up two-factor
// sign-in through the page, and members of each role. Steps find fields by their visible labels,
// taken from the message catalogue, so copy changes do not break them.
import { expect } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { totpCode, totpStep } from '../../../src/shared/totp.js';
import { translate, type Lang } from '../../../src/shared/i18n.js';
import { createUser, type TestUser } from '../../support/factories.js';
import type { Role } from '../../../src/shared/identity.js';
import type { E2EServer } from './server.js';

/** The German (default) or English text of a message key, as the pages show it. */
export const tr = (key: string, vars: Record<string, unknown> = {}, lang: Lang = 'de') => translate(lang, key, vars);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The form field labelled with the text of `key` (exactly; an "(optional)" mark may follow). */
export function field(page: Page, key: string, lang: Lang = 'de') {
  return page.getByLabel(new RegExp(`^${escapeRe(tr(key, {}, lang))}(\\s+${escapeRe(tr('form.optional', {}, lang))})?$`));
}

export interface Member extends TestUser {
  /** Set once two-factor sign-in is on (by the factory or by setUpTwoFactor). */
  totpSecret?: string;
}

/** A new active member of `role` in a new administration, built by the test factories. */
export async function createMember(server: E2EServer, role: Role = 'member', o: { totpSecret?: string; name?: string } = {}): Promise<Member> {
  const user = await createUser(server.ctx.ds, { role, ...o });
  return { ...user, totpSecret: o.totpSecret };
}

// A code is accepted once per 30-second step: remember the last step used per secret and wait
// for the next one instead of failing on a replay.
const lastStep = new Map<string, number>();

export async function freshTotpCode(secret: string): Promise<string> {
  let step = totpStep();
  while (step <= (lastStep.get(secret) ?? -1)) {
    await new Promise((r) => setTimeout(r, 500));
    step = totpStep();
  }
  lastStep.set(secret, step);
  return totpCode(secret, step);
}

/** Clicks a link or button that loads another page and waits until that page has loaded. */
export async function follow(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** Clicks the button labelled `label` in the form posting to `action` and waits for the next page. */
export async function submitForm(page: Page, action: string, label: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    page.locator(`form[action^="${action}"]`).getByRole('button', { name: label }).click(),
  ]);
}

/** Signs in through /login (and /login/two-factor when the member has a second factor). */
export async function signIn(page: Page, member: Pick<Member, 'email' | 'password' | 'totpSecret'>, next = ''): Promise<void> {
  await page.goto(`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await field(page, 'accounts.fields.email').fill(member.email);
  await field(page, 'accounts.fields.password').fill(member.password);
  await submitForm(page, '/login', tr('accounts.login.submit'));
  if (new URL(page.url()).pathname === '/login/two-factor') {
    if (!member.totpSecret) throw new Error(`${member.email} needs a second factor, but the test has no secret`);
    await field(page, 'accounts.twoFactor.code').fill(await freshTotpCode(member.totpSecret));
    await submitForm(page, '/login/two-factor', tr('accounts.twoFactor.verify'));
  }
  expect(new URL(page.url()).pathname).not.toMatch(/^\/login/);
}

/** Signs out with the header's button and checks the header offers "sign in" again. */
export async function signOut(page: Page): Promise<void> {
  await submitForm(page, '/logout', tr('layout.logout'));
  expect(new URL(page.url()).pathname).toBe('/');
  await page.locator('.site-user').getByRole('link', { name: tr('layout.login') }).waitFor();
}

/**
 * Turns two-factor sign-in on through /me/two-factor, as a person would: reads the manual key
 * from the page, types the current code. Returns the secret; leaves the page on the recovery codes.
 */
export async function setUpTwoFactor(page: Page, member: Member): Promise<string> {
  if (new URL(page.url()).pathname !== '/me/two-factor') await page.goto('/me/two-factor');
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await field(page, 'accounts.twoFactor.code').fill(await freshTotpCode(secret));
  await submitForm(page, '/me/two-factor/enable', tr('accounts.twoFactor.enable'));
  await page.getByTestId('recovery-codes').waitFor();
  member.totpSecret = secret;
  return secret;
}

/**
 * The demo log-ins from content/demo/members.yml (needs `useE2E({ demo: true })`). No demo admin:
 * its two-factor set-up would outlive the test in the shared database; use signInAs(page, server, 'admin').
 */
export const DEMO = {
  member: { email: 'member@demo.example', password: 'praxis-demo', handle: 'mmuster', name: 'Maria Muster' },
  facilitator: { email: 'facilitator@demo.example', password: 'praxis-demo', handle: 'moderation', name: 'Fatma Yilmaz' },
} as const;

/** A member of `role`, signed in on `page`; admins also set up two-factor sign-in on the way. */
export async function signInAs(page: Page, server: E2EServer, role: Role = 'member'): Promise<Member> {
  const member = await createMember(server, role);
  await signIn(page, member);
  if (role === 'admin') await setUpTwoFactor(page, member);
  return member;
}

/** Opens `path` and checks the status of the page finally shown (after redirects). */
export async function visit(page: Page, path: string, status = 200): Promise<void> {
  const res = await page.goto(path);
  if (res?.status() !== status) {
    throw new Error(`GET ${path}: expected ${status}, got ${res?.status()} at ${page.url()}`);
  }
}

/** Submits the (first) form in <main> posting to `action` as it is, e.g. empty, to see its errors. */
export async function submitAsIs(page: Page, action: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    page.locator(`main form[action^="${action}"]`).first().locator('button[type="submit"]').first().click(),
  ]);
}
