// The member's Open Badges 2.0 assertions in one JSON download for a backpack: the academy's
// course badges and recognition's badges and micro-degrees (not revoked), each a complete hosted
// assertion document. Recognition's badge classes are served by the badges part; the addresses
// below are where it hosts them.
import type { DataSource } from 'typeorm';
import { academyAssertionDocuments } from '../academy/index.js';
import { OB_CONTEXT } from '../../shared/open-badges.js';
import { passAssertions, type PassAssertion } from './pass.queries.js';

const absolute = (baseUrl: string, url: string) => (/^https?:\/\//.test(url) ? url : `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`);

export function recognitionAssertionJson(baseUrl: string, a: PassAssertion) {
  const id = `${baseUrl}/recognition/assertions/${a.id}`;
  return {
    '@context': OB_CONTEXT,
    type: 'Assertion',
    id,
    recipient: { type: 'email', hashed: true, salt: a.salt, identity: a.identityHash },
    badge: `${baseUrl}/recognition/${a.kind === 'badge' ? 'badges' : 'micro-degrees'}/${encodeURIComponent(a.classKey)}`,
    verification: { type: 'hosted' },
    issuedOn: new Date(a.grantedAt).toISOString(),
    ...(a.evidence.length ? { evidence: a.evidence.map((e) => ({ id: absolute(baseUrl, e.url), name: e.title })) } : {}),
  };
}

export async function assertionsDownload(ds: DataSource, baseUrl: string, userId: number): Promise<object[]> {
  const [academy, own] = await Promise.all([academyAssertionDocuments(ds, baseUrl, userId), passAssertions(ds, userId)]);
  return [...academy, ...own.map((a) => recognitionAssertionJson(baseUrl, a))];
}
