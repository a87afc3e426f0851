/** Accounts: creating users with checked passwords, and the public view of a user ("Me"). */
import { AftercareError } from '@aftercare/core';
import type { Id, Language, Role, Store, User } from '@aftercare/store';
import { assertPasswordAllowed, hashPassword } from '../auth/passwords.ts';

export interface Me {
  id: Id;
  orgId: Id;
  name: string;
  email: string;
  role: Role;
  language: Language;
  patientId: Id | null;
}

/** What a user may see of an account: never the password hash. */
export function toMe(user: User): Me {
  return {
    id: user.id,
    orgId: user.orgId,
    name: user.name,
    email: user.email,
    role: user.role,
    language: user.language,
    patientId: user.patientId,
  };
}

export interface AccountInput {
  orgId: Id;
  name: string;
  email: string;
  password: string;
  role: Role;
  language?: Language;
  patientId?: Id | null;
}

/** Creates an account after checking the password rules and that the e-mail is free. */
export async function createAccount(store: Store, input: AccountInput, at: Date, path = 'password'): Promise<User> {
  const email = input.email.trim().toLowerCase();
  assertPasswordAllowed(input.password, [email, email.split('@')[0] ?? '', input.name], path);
  if ((await store.getUserByEmail(email)) !== undefined) {
    const where = path.includes('.') ? `${path.slice(0, path.lastIndexOf('.'))}.email` : 'email';
    throw new AftercareError('CARE_ERR_CONFLICT', 'An account with this e-mail already exists.', [
      { path: where, message: 'An account with this e-mail already exists.' },
    ]);
  }
  return store.createUser(
    {
      orgId: input.orgId,
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      language: input.language ?? 'en',
      patientId: input.patientId ?? null,
    },
    at.toISOString(),
  );
}
