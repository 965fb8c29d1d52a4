// Checks a document against the required fields of Open Badges 2.0.
import { expect } from '@jest/globals';

/** Required properties per Open Badges 2.0 (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html). */
export function expectValidOb2(kind: 'Issuer' | 'BadgeClass' | 'Assertion', doc: Record<string, unknown>) {
  expect(doc['@context']).toBe('https://w3id.org/openbadges/v2');
  expect(doc.type).toBe(kind);
  expect(String(doc.id)).toMatch(/^https?:\/\//);
  const required = { Issuer: ['name', 'url', 'email'], BadgeClass: ['name', 'description', 'image', 'criteria', 'issuer'], Assertion: ['recipient', 'badge', 'verification', 'issuedOn'] }[kind];
  for (const k of required) expect(doc[k]).toBeTruthy();
  if (kind === 'Assertion') {
    const r = doc.recipient as Record<string, unknown>;
    expect(r.type).toBe('email');
    expect(r.hashed).toBe(true);
    expect(typeof r.salt).toBe('string');
    expect(String(r.identity)).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(doc.verification).toEqual({ type: 'hosted' });
    expect(Number.isNaN(Date.parse(String(doc.issuedOn)))).toBe(false);
    expect(String(doc.badge)).toMatch(/^https?:\/\//);
  }
  if (kind === 'BadgeClass') {
    expect(String(doc.issuer)).toMatch(/^https?:\/\//);
    const criteria = doc.criteria as Record<string, unknown>;
    expect(criteria.id ?? criteria.narrative).toBeTruthy();
  }
}

