import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { MSSQL, MySQL, PostgreSQL, sql, SQLite, type SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

/** The engine's dialect names (sqlTables' `dialect`). */
export type EngineDialect = 'sqlite' | 'postgres' | 'tsql' | 'duckdb' | 'databricks';

const DIALECTS: Record<EngineDialect, SQLDialect> = {
  sqlite: SQLite,
  postgres: PostgreSQL,
  tsql: MSSQL,
  // DuckDB follows PostgreSQL's syntax; Databricks SQL quotes identifiers with backticks as MySQL does.
  duckdb: PostgreSQL,
  databricks: MySQL,
};

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  onRun(): void;
  dialect: EngineDialect;
  /** Tables (and the columns known so far) for completion, nested by schema. */
  schema: SQLNamespace;
  defaultSchema?: string;
  label: string;
}

export interface SqlEditorHandle {
  focus(): void;
  /** Inserts text at the cursor (a name picked in the schema tree). */
  insert(text: string): void;
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--border)', borderRadius: '6px', background: 'var(--panel)', color: 'var(--text)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace', minHeight: '9em', maxHeight: '40vh' },
  '.cm-gutters': { background: 'var(--panel-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { background: 'var(--accent-soft)' },
  '.cm-tooltip-autocomplete': { background: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
});

/** CodeMirror 6 with SQL highlighting and completion in the connection's dialect. */
export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;
  // Texts reported through onChange that have not come back as `value` yet. React may hand back
  // an older one after newer keystrokes; it must not overwrite what the user typed since.
  const unechoed = useRef<string[]>([]);
  const settingFromOutside = useRef(false);

  useEffect(() => {
    const run = () => {
      latest.current.onRun();
      return true;
    };
    const state = EditorState.create({
      doc: latest.current.value,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        closeBrackets(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ activateOnTyping: true }),
        keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }, ...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
        language.current.of(languageFor(latest.current)),
        placeholder('SELECT … (Ctrl+Enter runs it)'),
        EditorView.contentAttributes.of({ 'aria-label': latest.current.label, 'data-testid': 'sql-editor' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || settingFromOutside.current) return;
          const text = update.state.doc.toString();
          unechoed.current.push(text);
          latest.current.onChange(text);
        }),
        theme,
      ],
    });
    // Inside a shadow root CodeMirror's styles go into a constructed stylesheet, which the app's
    // CSP (style-src 'self', no inline <style>) allows; the theme's CSS variables still inherit.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const mountPoint = document.createElement('div');
    shadow.append(mountPoint);
    view.current = new EditorView({ state, parent: mountPoint, root: shadow });
    return () => {
      view.current?.destroy();
      mountPoint.remove();
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageFor(props)) });
  }, [props.dialect, props.schema, props.defaultSchema]);

  // Text set from outside (history, another connection's example) replaces the document.
  useEffect(() => {
    const echoed = unechoed.current.lastIndexOf(props.value);
    if (echoed >= 0) {
      unechoed.current.splice(0, echoed + 1);
      return;
    }
    const v = view.current;
    if (!v || v.state.doc.toString() === props.value) return;
    unechoed.current = [];
    settingFromOutside.current = true;
    try {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    } finally {
      settingFromOutside.current = false;
    }
  }, [props.value]);

  useImperativeHandle(ref, () => ({
    focus: () => view.current?.focus(),
    insert(text) {
      const v = view.current;
      if (!v) return;
      const { from, to } = v.state.selection.main;
      v.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
      v.focus();
    },
  }));

  return <div ref={host} className="sql-editor-host" />;
});

function languageFor(props: Pick<SqlEditorProps, 'dialect' | 'schema' | 'defaultSchema'>) {
  return sql({ dialect: DIALECTS[props.dialect] ?? SQLite, schema: props.schema, defaultSchema: props.defaultSchema, upperCaseKeywords: true });
}
