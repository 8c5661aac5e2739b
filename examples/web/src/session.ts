import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'gateway-example.token';

let token: string | null = sessionStorage.getItem(STORAGE_KEY);
const listeners = new Set<() => void>();

/**
 * The sign-in token: in memory, and in sessionStorage so a reload in the same tab stays signed in.
 * Listeners run after every change (the socket restarts with the new token).
 */
export const session = {
  token: (): string | null => token,
  set(next: string | null): void {
    if (next === token) return;
    token = next;
    if (next) sessionStorage.setItem(STORAGE_KEY, next);
    else sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The current token, re-rendering on sign in and out. */
export function useToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.token);
}
