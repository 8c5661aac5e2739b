import { useMutation, useQuery } from '@apollo/client/react';
import { type ChangeEvent, useState } from 'react';
import { gatewayAsset, useAppConfig } from '../app-config';
import { graphql } from '../gql';
import { useToken } from '../session';
import { uploadFile } from '../uploads';

const ProfileDocument = graphql(`
  query Profile {
    viewer {
      id
      name
      username
      avatar
    }
  }
`);

const SetAvatarDocument = graphql(`
  mutation SetAvatar($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      avatar
    }
  }
`);

/** The viewer's profile: the avatar, and a file picker that uploads a new one and sets it. */
export function ProfilePage() {
  const config = useAppConfig();
  const token = useToken();
  const { data, error } = useQuery(ProfileDocument);
  const [setAvatar] = useMutation(SetAvatarDocument);
  const [status, setStatus] = useState<{ busy: boolean; error?: string }>({ busy: false });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file || !token) return;
    setStatus({ busy: true });
    try {
      const uploaded = await uploadFile(config, token, file);
      await setAvatar({ variables: { input: { avatarFile: uploaded.id } } });
      setStatus({ busy: false });
    } catch (failure) {
      setStatus({ busy: false, error: failure instanceof Error ? failure.message : String(failure) });
    }
    event.target.value = '';
  };

  if (error)
    return (
      <p role="alert" className="error">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading your profile…</p>;
  const { viewer } = data;
  if (!viewer) return <p role="alert">Your session has ended: sign in again.</p>;

  return (
    <section aria-labelledby="profile-title" className="profile">
      <h1 id="profile-title">{viewer.name}</h1>
      <p className="meta">@{viewer.username}</p>
      {viewer.avatar ? <img className="avatar" src={gatewayAsset(config, viewer.avatar)} alt="Your avatar" width={128} height={128} /> : <p>No avatar yet.</p>}
      <label className="file">
        Upload a new avatar
        <input type="file" accept="image/png,image/jpeg,image/gif" onChange={choose} disabled={status.busy} />
      </label>
      {status.busy && <p aria-busy="true">Uploading…</p>}
      {status.error && (
        <p role="alert" className="error">
          {status.error}
        </p>
      )}
    </section>
  );
}
