// Ids from text: digits only, 1 … 2^31-1 (PostgreSQL integer), so no id reaches a query that the
// column cannot hold; optional id fields may be missing or empty.
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { idField, INT4_MAX, optionalIdField, parseId } from '../../src/shared/ids.js';

describe('ids', () => {
  it('when text is an id within an integer column, then it is read; anything else is null', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId(' 42 ')).toBe(42);
    expect(parseId(String(INT4_MAX))).toBe(INT4_MAX);
    for (const bad of [String(INT4_MAX + 1), '99999999999999999999', '0', '-1', '1e3', '1.5', '0x10', '', 'abc', '12abc', ['1'], null, undefined, 2 ** 53, -5, 1.5]) {
      expect(parseId(bad)).toBeNull();
    }
  });

  it('when a form has id fields, then a missing optional one is null and a missing, huge or listed required one is a field message', () => {
    const schema = z.object({ a: idField(), b: optionalIdField() });
    expect(schema.parse({ a: '7' })).toEqual({ a: 7, b: null });
    expect(schema.parse({ a: '7', b: '' })).toEqual({ a: 7, b: null });
    expect(schema.parse({ a: '7', b: '8' })).toEqual({ a: 7, b: 8 });
    const messages = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(messages({})).toEqual(['a:validation.required']);
    expect(messages({ a: '2147483648', b: '-1' })).toEqual(['a:validation.required', 'b:validation.invalid']);
    expect(messages({ a: ['1', '2'], b: ['3'] })).toEqual(['a:validation.required', 'b:validation.invalid']);
  });
});
