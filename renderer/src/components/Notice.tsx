import type { ReactNode } from 'react';

/** A message block: errors are announced to screen readers at once (role=alert), the rest politely. */
export function Notice(props: { kind: 'error' | 'ok' | 'info' | 'warn'; children: ReactNode; onDismiss?: () => void; testId?: string }) {
  return (
    <div className={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'} data-testid={props.testId}>
      <div className="notice-text">{props.children}</div>
      {props.onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={props.onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

export function ErrorNotice(props: { error: string | null | undefined; onDismiss?: () => void; testId?: string }) {
  return props.error ? (
    <Notice kind="error" onDismiss={props.onDismiss} testId={props.testId}>
      {props.error}
    </Notice>
  ) : null;
}
