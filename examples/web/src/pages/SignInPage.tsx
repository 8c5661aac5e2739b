import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../gql';
import { session } from '../session';

const SignInDocument = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
        name
      }
    }
  }
`);

/** Signs in with the `login` mutation; the token goes to the session (memory + sessionStorage). */
export function SignInPage() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, { loading, error }] = useMutation(SignInDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await signIn({ variables: { input: { login, password } } }).catch(() => ({ data: undefined }));
    if (data) session.set(data.login.token);
  };

  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="stack">
        <label>
          Username or email
          <input name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
      </form>
    </main>
  );
}
