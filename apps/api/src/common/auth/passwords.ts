import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * AUTH-5: argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane); ~20 ms a hash on these machines.
 * The cost is set here only (test/passwords.e2e-spec.ts reads the stored hashes' parameters against it).
 */
export const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so that both answers take as long (AUTH-3). */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1dZQ3F0WmUqUEtFcJ0qz7N8l7dRr2Hk3m0uQHcJ1mGc';
