import { describe, expect, it } from '@jest/globals';
import { profileSections } from '../../src/modules/profile-sections.js';
import { useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { createGuide } from '../support/guides-factories.js';
import type { SessionUser } from '../../src/shared/identity.js';

describe('profile sections: one mechanism for member and administration profiles', () => {
  const t = useTestApp();

  it('when an administration profile is built, then the use-case module contributes its section; a member profile does not get it', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const admin = await profileSections(t.ctx, 'administration', uc.administrationId, undefined);
    expect(admin.map((s) => s.partial)).toEqual(['usecases/administration-section', 'recognition/leaderboards-administration']);
    const member = await profileSections(t.ctx, 'member', uc.createdById, undefined);
    expect(member.map((s) => s.partial)).not.toContain('usecases/administration-section');
  });

  it('when a member has read a chapter, then their own profile gets the reading-progress section and someone else\'s view does not', async () => {
    const u = await createUser(t.ctx.ds);
    const g = await createGuide(t.ctx.ds);
    await t.ctx.ds.query(`INSERT INTO guide_reads (user_id, chapter_id) SELECT $1, id FROM guide_chapters WHERE guide_id = $2 LIMIT 1`, [u.id, g.id]);
    const other = await createUser(t.ctx.ds);
    const viewer = async (v: { id: number } | undefined) =>
      (await profileSections(t.ctx, 'member', u.id, v as SessionUser | undefined)).map((s) => s.partial);
    expect(await viewer({ id: u.id })).toContain('guides/member-progress');
    expect(await viewer({ id: other.id })).not.toContain('guides/member-progress');
    expect(await viewer(undefined)).not.toContain('guides/member-progress');
  });
});
