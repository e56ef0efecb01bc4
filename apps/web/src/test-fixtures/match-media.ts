import { vi } from 'vitest';

/**
 * A controllable window.matchMedia for the phone breakpoint: answers `(max-width: Npx)` for the given width, and
 * `setWidth` fires `change` on every list whose answer changes (a rotation, a resized window).
 */
export function fakeMatchMedia(initialWidth: number) {
  let width = initialWidth;
  type Listener = (e: { matches: boolean }) => void;
  const lists: { query: string; matches: boolean; listeners: Set<Listener> }[] = [];
  const answer = (query: string) => {
    const max = /max-width:\s*(\d+)px/.exec(query);
    return max ? width <= Number(max[1]) : false;
  };
  const matchMedia = vi.fn((query: string) => {
    const entry = { query, matches: answer(query), listeners: new Set<Listener>() };
    lists.push(entry);
    return {
      get matches() {
        return answer(query);
      },
      media: query,
      addEventListener: (_: string, fn: Listener) => entry.listeners.add(fn),
      removeEventListener: (_: string, fn: Listener) => entry.listeners.delete(fn),
      addListener: (fn: Listener) => entry.listeners.add(fn),
      removeListener: (fn: Listener) => entry.listeners.delete(fn),
    };
  });
  return {
    matchMedia: matchMedia as unknown as typeof window.matchMedia,
    listenerCount: () => lists.reduce((n, l) => n + l.listeners.size, 0),
    setWidth(next: number) {
      width = next;
      for (const list of lists) {
        const now = answer(list.query);
        if (now !== list.matches) {
          list.matches = now;
          for (const fn of list.listeners) fn({ matches: now });
        }
      }
    },
  };
}
