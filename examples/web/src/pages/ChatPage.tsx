import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { graphql } from '../gql';
import { href } from '../route';

const ChatDocument = graphql(`
  query ChatPage($chatId: ID!) {
    chat(id: $chatId) {
      id
      title
    }
    messages(chatId: $chatId, last: 50) {
      nodes {
        ...ChatMessage
      }
    }
  }
`);

const MessageAddedDocument = graphql(`
  subscription MessageAdded($chatId: ID!) {
    messageAdded(chatId: $chatId) {
      ...ChatMessage
    }
  }
`);

const SendMessageDocument = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      ...ChatMessage
    }
  }
`);

/** A chat's latest messages, with new ones arriving live over the `messageAdded` subscription. */
export function ChatPage({ id }: { id: string }) {
  const { data, error, subscribeToMore } = useQuery(ChatDocument, { variables: { chatId: id }, fetchPolicy: 'cache-and-network' });
  const [send, sending] = useMutation(SendMessageDocument);
  const [text, setText] = useState('');

  useEffect(
    () =>
      subscribeToMore({
        document: MessageAddedDocument,
        variables: { chatId: id },
        updateQuery: (previous, { subscriptionData }) => {
          const added = subscriptionData.data?.messageAdded;
          const nodes = previous.messages?.nodes ?? [];
          if (!added || nodes.some((message) => message?.id === added.id)) return previous as never;
          return { ...previous, messages: { ...previous.messages, nodes: [...nodes, added] } } as never;
        },
      }),
    [id, subscribeToMore],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    await send({ variables: { input: { chatId: id, text } } });
    setText('');
  };

  if (error)
    return (
      <p role="alert" className="error">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading the chat…</p>;

  return (
    <section aria-labelledby="chat-title" className="chat">
      <p>
        <a href={href({ name: 'chats' })}>← Chats</a>
      </p>
      <h1 id="chat-title">{data.chat?.title || 'Chat'}</h1>
      <ol className="messages" aria-label="Messages" aria-live="polite">
        {data.messages.nodes.map((message) => (
          <li key={message.id}>
            <span className="meta">{message.sender.name}</span> <span className="text">{message.text}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="row">
        <label className="grow">
          <span className="visually-hidden">Message</span>
          <input name="message" placeholder="Write a message" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={sending.loading}>
          Send
        </button>
      </form>
      {sending.error && (
        <p role="alert" className="error">
          {sending.error.message}
        </p>
      )}
    </section>
  );
}
