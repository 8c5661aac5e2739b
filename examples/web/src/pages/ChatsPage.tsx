import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { href } from '../route';

const ChatsDocument = graphql(`
  query Chats {
    chats(first: 50) {
      nodes {
        id
        title
        unreadCount
        lastMessage {
          id
          text
        }
        participants {
          id
          user {
            id
            name
          }
        }
      }
    }
  }
`);

/** The viewer's chats, pinned first then by last activity (the gateway's order). */
export function ChatsPage() {
  const { data, error } = useQuery(ChatsDocument, { fetchPolicy: 'cache-and-network' });
  if (error)
    return (
      <p role="alert" className="error">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading your chats…</p>;

  return (
    <section aria-labelledby="chats-title">
      <h1 id="chats-title">Chats</h1>
      {data.chats.nodes.length === 0 && <p>No chats yet.</p>}
      <ul className="cards" aria-label="Chats">
        {data.chats.nodes.map((chat) => (
          <li key={chat.id}>
            <a href={href({ name: 'chat', id: chat.id })}>{chat.title || chat.participants.map((p) => p.user.name).join(', ')}</a>
            {chat.unreadCount > 0 && (
              <span className="badge" aria-label={`${chat.unreadCount} unread`}>
                {chat.unreadCount}
              </span>
            )}
            {chat.lastMessage && <p className="meta">{chat.lastMessage.text}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
