// The member's Open Badges 2.0 assertions in one JSON download for a backpack: the academy's
// course badges and recognition's badges and micro-degrees (not revoked), each a complete hosted
// assertion document, the same as each one's hosted URL serves.
import type { DataSource } from 'typeorm';
import { academyAssertionDocuments } from '../academy/index.js';
import { assertionClassUrl, assertionJson, recognitionUrls } from './badges.views.js';
import { passAssertions } from './pass.queries.js';

export async function assertionsDownload(ds: DataSource, baseUrl: string, userId: number): Promise<object[]> {
  const [academy, own] = await Promise.all([academyAssertionDocuments(ds, baseUrl, userId), passAssertions(ds, userId)]);
  const urls = recognitionUrls(baseUrl);
  return [...academy, ...own.map((a) => assertionJson(urls, baseUrl, a, assertionClassUrl(baseUrl, a)))];
}
