/** Who is signed in, for every screen: `useSession()` gives the user and the ways to change it. */
import { createContext, useContext } from 'react';
import type { Me } from '../api/types.ts';

export interface Session {
  user: Me | null;
  signedIn: (user: Me) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession() needs a SessionContext provider above it.');
  }
  return value;
}

/** The user, for screens that only show when someone is signed in. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) {
    throw new Error('This screen needs a signed-in user.');
  }
  return user;
}
