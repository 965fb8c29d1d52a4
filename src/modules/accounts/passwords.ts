// Password hashing with argon2id (the library's defaults: 64 MiB, 3 passes).
import argon2 from 'argon2';

/**
 * At most two hashes at a time per process. Each holds 64 MiB while it runs, and libuv runs four
 * at once by default: a burst of sign-ins would add 256 MiB to the process. Two keep both cores
 * busy; further sign-ins wait their turn (a few hundred milliseconds at worst).
 */
const MAX_CONCURRENT_HASHES = 2;
let active = 0;
const waiting: (() => void)[] = [];

async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (active < MAX_CONCURRENT_HASHES) active++;
  else await new Promise<void>((resume) => waiting.push(resume));
  try {
    return await work();
  } finally {
    // Hand the slot to the next waiter directly, so a newcomer cannot take it in between.
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/** How many hashes run and wait right now (for tests). */
export const hashingLoad = () => ({ active, waiting: waiting.length });

export const hashPassword = (password: string) => oneAtATime(() => argon2.hash(password, { type: argon2.argon2id }));

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so timing does not tell whether the account exists.
    await oneAtATime(() => argon2.hash(password, { type: argon2.argon2id })).catch(() => undefined);
    return false;
  }
  try {
    return await oneAtATime(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}
