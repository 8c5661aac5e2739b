import { useApolloClient } from '@apollo/client/react';
import { ChatPage } from './pages/ChatPage';
import { ChatsPage } from './pages/ChatsPage';
import { FeedPage } from './pages/FeedPage';
import { PostPage } from './pages/PostPage';
import { ProfilePage } from './pages/ProfilePage';
import { SignInPage } from './pages/SignInPage';
import { href, type Route, useRoute } from './route';
import { session, useToken } from './session';
import { graphql } from './gql';

const SignOutDocument = graphql(`
  mutation SignOut {
    logout
  }
`);

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'post':
      return <PostPage id={route.id} />;
    case 'chats':
      return <ChatsPage />;
    case 'chat':
      return <ChatPage id={route.id} />;
    case 'profile':
      return <ProfilePage />;
    default:
      return <FeedPage />;
  }
}

/** The layout: the sign-in form until there is a token, then the navigation and the current screen. */
export function App() {
  const token = useToken();
  const route = useRoute();
  const client = useApolloClient();
  if (!token) return <SignInPage />;

  const signOut = async () => {
    // The session ends on the gateway too; the token is dropped here whatever it answers.
    await client.mutate({ mutation: SignOutDocument }).catch(() => undefined);
    session.set(null);
  };

  return (
    <>
      <header className="bar">
        <nav aria-label="Main">
          <a href={href({ name: 'feed' })} aria-current={route.name === 'feed' || route.name === 'post' ? 'page' : undefined}>
            Feed
          </a>
          <a href={href({ name: 'chats' })} aria-current={route.name.startsWith('chat') ? 'page' : undefined}>
            Chats
          </a>
          <a href={href({ name: 'profile' })} aria-current={route.name === 'profile' ? 'page' : undefined}>
            Profile
          </a>
        </nav>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Screen route={route} />
      </main>
    </>
  );
}
