// Password hashing with argon2id (the library's defaults: 64 MiB, 3 passes).
import argon2 from 'argon2';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so timing does not tell whether the account exists.
    await argon2.hash(password, { type: argon2.argon2id }).catch(() => undefined);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
