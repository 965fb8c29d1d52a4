// A micro-degree's assertion, like a badge's: a page for people, revocation by facilitators with a
// reason (audited), then 410 with revoked: true at its hosted URL.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';

const t = useTestApp();

async function grantedMicrodegree() {
  const member = await createUser(t.ctx.ds);
  const slug = uniq('md-');
  const title = `Beteiligung Grundlagen ${slug}`;
  await t.ctx.ds.query(
    `INSERT INTO recognition_microdegrees (slug, title, competences, requirements) VALUES ($1, $2, '{methods-formats}', '[]')`, [slug, title]);
  const [a] = await t.ctx.ds.query(
    `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt) VALUES ('microdegree', $1, $2, $3, 'salz') RETURNING id`,
    [slug, member.id, `sha256$${'a'.repeat(64)}`]);
  return { member, slug, title, id: a.id as string };
}

describe('micro-degree assertions', () => {
  it('when anyone opens a micro-degree assertion, then its page names the micro-degree and the JSON points at its class', async () => {
    const g = await grantedMicrodegree();
    const page = await request(t.app).get(`/recognition/assertions/${g.id}/verify`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(g.title);
    expect(page.text).toContain(`/recognition/microdegrees/${g.slug}/image.svg`);
    const json = await request(t.app).get(`/recognition/assertions/${g.id}`);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toMatchObject({ type: 'Assertion', badge: `${t.ctx.config.baseUrl}/recognition/microdegrees/${g.slug}/class` });
  });

  it('when a facilitator revokes it with a reason, then the hosted assertion answers 410 with revoked: true and it is audited; a member is refused', async () => {
    const g = await grantedMicrodegree();
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.post(`/recognition/assertions/${g.id}/revoke`, { reason: 'Will ich nicht' })).status).toBe(403);
    expect((await t.ctx.ds.query(`SELECT revoked_at FROM recognition_assertions WHERE id = $1`, [g.id]))[0].revoked_at).toBeNull();

    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const f = await signedIn(t.app, facilitator);
    const res = await f.post(`/recognition/assertions/${g.id}/revoke`, { reason: 'Nachweis war fehlerhaft' }, `/recognition/assertions/${g.id}/verify`);
    expect(res.status).toBe(303);
    const json = await request(t.app).get(`/recognition/assertions/${g.id}`);
    expect(json.status).toBe(410);
    expect(JSON.parse(json.text)).toMatchObject({ revoked: true, revocationReason: 'Nachweis war fehlerhaft' });
    const audit = await t.ctx.ds.query(`SELECT action, actor_id FROM audit_log WHERE subject_id = $1`, [g.id]);
    expect(audit).toEqual([{ action: 'recognition.microdegree.revoke', actor_id: facilitator.id }]);
  });
});
