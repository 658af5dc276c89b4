import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice } from '../components/Notice';
import { useAction, useAsync } from '../hooks/useAsync';

/**
 * The folders Claude may name a file from (stage_import, upload_file).
 * Only set here or with `pacs-mcp import-folders`; a path outside them is never read.
 */
export function ImportFoldersCard() {
  const current = useAsync(() => api.importFolders.get({}), []);
  const [adding, setAdding] = useState('');
  const action = useAction();
  const folders = current.data?.folders ?? [];
  const save = async (next: string[] | null) => {
    const saved = await action.run(() => api.importFolders.set({ folders: next }));
    if (saved) current.reload();
    return saved;
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (adding.trim() && (await save([...folders, adding.trim()]))) setAdding('');
  };
  return (
    <article className="card" aria-labelledby="import-folders-title" data-testid="import-folders-card">
      <h2 id="import-folders-title">Folders Claude may read files from</h2>
      <p className="muted">
        A file path given in the chat is read only when it lies inside one of these folders (links are followed first). Files anywhere else, network paths and devices are refused.
        {current.data?.defaults ? ' These are the defaults.' : ''}
      </p>
      <ul className="plain-list" data-testid="import-folders">
        {folders.map((folder) => (
          <li key={folder}>
            <span className="mono wrap">{folder}</span>{' '}
            <button type="button" className="small" onClick={() => void save(folders.filter((f) => f !== folder))} aria-label={`Remove ${folder}`}>
              Remove
            </button>
          </li>
        ))}
        {folders.length === 0 && current.data && <li className="muted">None: files named in the chat are never read.</li>}
      </ul>
      <form className="inline-form" onSubmit={add}>
        <label>
          Add a folder
          <input value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="Full path of an existing folder" name="import_folder" />
        </label>
        <button type="submit" className="small" disabled={action.busy || !adding.trim()}>
          Add
        </button>
        <button type="button" className="small" disabled={action.busy || current.data?.defaults} onClick={() => void save(null)}>
          Back to the defaults
        </button>
      </form>
      <ErrorNotice error={current.error ?? action.error} onDismiss={action.clearError} />
    </article>
  );
}
