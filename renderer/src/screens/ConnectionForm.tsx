import { useState, type FormEvent } from 'react';
import { api, type In, type Out } from '../api';
import { ErrorNotice } from '../components/Notice';
import { useAction } from '../hooks/useAsync';

type ConnectionView = Out<'connections', 'list'>['connections'][number];
/** The kinds, roles and presets the engine defines (`connections.kinds`): the form declares none of its own. */
export type ConnectionOptions = Out<'connections', 'kinds'>;
type ConnectionKind = In<'connections', 'save'>['kind'];
type ConnectionRole = In<'connections', 'save'>['role'];
type SecretRule = ConnectionOptions['kinds'][number]['secret'];

/** Applies the kind's password rule, as the engine sent it, to the settings being typed. */
function secretNeeded(rule: SecretRule, config: ConnectionDraft['config']): boolean {
  return rule.needed && !(rule.unless && config[rule.unless.key] === rule.unless.equals);
}

export interface ConnectionDraft {
  id: string;
  kind: ConnectionKind;
  role: ConnectionRole;
  description: string;
  is_default: boolean;
  /** For a kind with an ambient switch: sign in with what this computer holds when no password is stored. */
  ambient_credentials?: boolean;
  config: Record<string, string | number | boolean>;
}

export function draftFrom(view: ConnectionView): ConnectionDraft {
  return { id: view.id, kind: view.kind, role: view.role, description: view.description, is_default: view.is_default, ambient_credentials: view.ambient_credentials, config: { ...view.config } };
}

export const EMPTY_DRAFT: ConnectionDraft = { id: '', kind: 'postgres', role: 'training', description: '', is_default: false, config: {} };

/**
 * Add or edit a connection. The password field is write-only: it starts empty, is sent once to
 * the main process (which puts it in the OS keychain) and is cleared from this form's state.
 */
export function ConnectionForm(props: { options: ConnectionOptions; initial: ConnectionDraft; existing: ConnectionView | null; onSaved: (saved: ConnectionView) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<ConnectionDraft>(props.initial);
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const action = useAction();
  const editing = props.existing !== null;
  const { kinds, roles } = props.options;
  const kind = kinds.find((k) => k.kind === draft.kind) ?? kinds[0];
  const usesSecret = secretNeeded(kind.secret, draft.config);
  const set = (patch: Partial<ConnectionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setConfig = (key: string, value: string | number | boolean | undefined) =>
    setDraft((d) => {
      const config = { ...d.config };
      if (value === undefined || value === '') delete config[key];
      else config[key] = value;
      return { ...d, config };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret: In<'connections', 'save'>['secret'] =
      usesSecret && password ? { action: 'set', value: password } : clearPassword ? { action: 'clear' } : { action: 'keep' };
    const fields = new Set(kind.fields.map((f) => f.key));
    const config = Object.fromEntries(Object.entries(draft.config).filter(([k]) => fields.has(k)));
    const result = await action.run(() => api.connections.save({ ...draft, config, secret }));
    setPassword('');
    if (result) props.onSaved(result.connection);
  };

  return (
    <form className="form" onSubmit={submit} data-testid="connection-form" aria-label={editing ? `Edit connection ${draft.id}` : 'Add a connection'}>
      <div className="form-grid">
        <label>
          Connection id
          <input value={draft.id} onChange={(e) => set({ id: e.target.value })} required disabled={editing} pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}" autoFocus={!editing} name="id" />
        </label>
        <label>
          Kind
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as ConnectionKind, config: {} })} name="kind">
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select value={draft.role} onChange={(e) => set({ role: e.target.value as ConnectionRole })} name="role" aria-describedby="role-help">
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.role}
              </option>
            ))}
          </select>
          <small id="role-help" className="muted">
            {roles.find((r) => r.role === draft.role)?.help}
          </small>
        </label>
        <label className="span-2">
          Description
          <input value={draft.description} onChange={(e) => set({ description: e.target.value })} name="description" />
        </label>
        {kind.fields.map((field) =>
          field.type === 'checkbox' ? (
            <label key={field.key} className="check">
              <input type="checkbox" checked={draft.config[field.key] === true} onChange={(e) => setConfig(field.key, e.target.checked)} name={field.key} />
              {field.label}
              {field.help && <small className="muted"> {field.help}</small>}
            </label>
          ) : field.type === 'select' ? (
            <label key={field.key}>
              {field.label}
              <select value={String(draft.config[field.key] ?? field.options[0])} onChange={(e) => setConfig(field.key, e.target.value)} name={field.key}>
                {field.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
          ) : (
            <label key={field.key}>
              {field.label}
              <input
                type={field.type === 'number' ? 'number' : 'text'}
                value={draft.config[field.key] === undefined ? '' : String(draft.config[field.key])}
                placeholder={field.placeholder}
                required={field.required}
                name={field.key}
                onChange={(e) => setConfig(field.key, field.type === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)}
              />
            </label>
          ),
        )}
        {usesSecret && (
          <label className="span-2">
            Password <span className="muted">(kept in the OS keychain, never shown again)</span>
            <input
              type="password"
              name="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              placeholder={props.existing?.has_secret ? 'A password is stored: leave empty to keep it' : ''}
              disabled={clearPassword}
            />
          </label>
        )}
        {usesSecret && props.existing?.has_secret && (
          <label className="check span-2">
            <input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} name="clear_password" />
            Remove the stored password from the keychain
          </label>
        )}
        {kind.ambient && (
          <label className="check span-2">
            <input type="checkbox" checked={draft.ambient_credentials === true} onChange={(e) => set({ ambient_credentials: e.target.checked })} name="ambient_credentials" />
            {kind.ambient.label}
            <small className="muted"> Off unless you turn it on: they would be sent to the server named above.</small>
          </label>
        )}
        <label className="check span-2">
          <input type="checkbox" checked={draft.is_default} onChange={(e) => set({ is_default: e.target.checked })} name="is_default" />
          Default {draft.role} connection (used when a tool names none)
        </label>
      </div>
      <ErrorNotice error={action.error} onDismiss={action.clearError} testId="connection-form-error" />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : editing ? 'Save changes' : 'Add connection'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
