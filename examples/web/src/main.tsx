import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo';
import { App } from './App';
import { ConfigContext } from './app-config';
import { loadConfig } from './config';
import './styles.css';

const config = await loadConfig();
const client = createApolloClient(config);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigContext.Provider value={config}>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </ConfigContext.Provider>
  </StrictMode>,
);
