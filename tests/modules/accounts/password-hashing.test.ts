import { describe, expect, it } from '@jest/globals';
import { hashingLoad, hashPassword, verifyPassword } from '../../../src/modules/accounts/passwords.js';

describe('password hashing', () => {
  it('when eight sign-ins arrive at once, then at most two hashes run at a time and every check still gives the right answer', async () => {
    const hash = await hashPassword('seven words make a fine password');
    let most = 0;
    const watch = setInterval(() => { most = Math.max(most, hashingLoad().active); }, 1);
    const checks = Array.from({ length: 8 }, (_, i) => verifyPassword(hash, i % 2 ? 'seven words make a fine password' : 'wrong password here'));
    // Right after the calls: two running, six waiting.
    expect(hashingLoad()).toEqual({ active: 2, waiting: 6 });
    const results = await Promise.all(checks);
    clearInterval(watch);
    expect(results).toEqual([false, true, false, true, false, true, false, true]);
    expect(most).toBeLessThanOrEqual(2);
    expect(hashingLoad()).toEqual({ active: 0, waiting: 0 });
  });

  it('when a hash has no account behind it, then the same work is done and the answer is no', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(hashingLoad()).toEqual({ active: 0, waiting: 0 });
  });
});
