import { useState, type FormEvent } from 'react';
import { api, type Out } from '../api';
import { useAction, useAsync } from '../hooks/useAsync';
import { ErrorNotice, Notice } from './Notice';

type Kind = Out<'promotion', 'set'>['kind'];

/** Same rule as the engine: an optional schema and a name, plain identifiers only. */
const PROCEDURE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;

/**
 * The allowlisted procedure that promotes `kind` batches into a production connection. Promotion
 * refuses until one is set; setting it is an audited UI action.
 */
export function PromotionProcedureForm(props: { connectionId: string; kind: Kind; onSaved?: () => void }) {
  const targets = useAsync(() => api.promotion.list({}), []);
  const current = targets.data?.targets.find((t) => t.connection_id === props.connectionId && t.kind === props.kind);
  const [procedure, setProcedure] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const trimmed = procedure.trim();
  const localError = trimmed && !PROCEDURE_NAME.test(trimmed) ? 'Use schema.name (or name) with letters, digits and "_" only, e.g. dbo.pacs_mcp_promote_exemptions.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSaved(null);
    // The server checks too: an invalid name is refused there with the same advice.
    const r = await action.run(() => api.promotion.set({ connection_id: props.connectionId, kind: props.kind, procedure: trimmed }));
    if (r) {
      setSaved(`Promotion of ${r.kind} into ${r.connection_id} now goes through ${r.procedure_name}.`);
      setProcedure('');
      targets.reload();
      props.onSaved?.();
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`Promotion procedure for ${props.connectionId}`} data-testid="promotion-procedure-form">
      <p data-testid="promotion-procedure-current">
        {current ? (
          <>
            Allowlisted procedure for {props.kind} on <b>{props.connectionId}</b>: <span className="mono">{current.procedure_name}</span> (set by {current.updated_by})
          </>
        ) : (
          <>
            No promotion procedure is allowlisted for {props.kind} on <b>{props.connectionId}</b> yet: promotion is refused until one is set.
          </>
        )}
      </p>
      <label>
        Allowlisted procedure
        <input
          name="promotion-procedure"
          value={procedure}
          onChange={(e) => setProcedure(e.target.value)}
          placeholder={`dbo.pacs_mcp_promote_${props.kind}`}
          autoComplete="off"
          aria-invalid={localError ? true : undefined}
          aria-describedby={localError ? 'promotion-procedure-hint' : undefined}
        />
      </label>
      {localError && (
        <p id="promotion-procedure-hint" className="warn-text">
          {localError}
        </p>
      )}
      <ErrorNotice error={action.error ?? targets.error} onDismiss={action.clearError} testId="promotion-procedure-error" />
      {saved && <Notice kind="ok">{saved}</Notice>}
      <div className="actions">
        <button type="submit" disabled={action.busy || !trimmed} data-testid="promotion-procedure-save">
          Allowlist procedure
        </button>
      </div>
    </form>
  );
}
