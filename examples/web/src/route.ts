import { useSyncExternalStore } from 'react';

/** The screens, addressed by the URL's hash (`#/posts/<id>`), so any static server serves the app. */
export type Route = { name: 'feed' } | { name: 'post'; id: string } | { name: 'chats' } | { name: 'chat'; id: string } | { name: 'profile' };

export function parseRoute(hash: string): Route {
  const [, section = '', id] = hash.replace(/^#/, '').split('/').map(decodeURIComponent);
  if (section === 'posts' && id) return { name: 'post', id };
  if (section === 'chats' && id) return { name: 'chat', id };
  if (section === 'chats') return { name: 'chats' };
  if (section === 'profile') return { name: 'profile' };
  return { name: 'feed' };
}

/** The href of a screen. */
export function href(route: Route): string {
  switch (route.name) {
    case 'post':
      return `#/posts/${encodeURIComponent(route.id)}`;
    case 'chat':
      return `#/chats/${encodeURIComponent(route.id)}`;
    case 'chats':
      return '#/chats';
    case 'profile':
      return '#/profile';
    default:
      return '#/';
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route, re-rendering on navigation. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
