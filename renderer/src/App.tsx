import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { api } from './api';
import { AppInfoContext } from './AppInfo';
import { ErrorNotice } from './components/Notice';
import { useAsync } from './hooks/useAsync';
import { navigate, SCREENS, useRoute, type ScreenId } from './router';
import { AuditScreen } from './screens/AuditScreen';
import { ConnectionsScreen } from './screens/ConnectionsScreen';
import { LakehouseScreen } from './screens/LakehouseScreen';
import { McpScreen } from './screens/McpScreen';
import { ParcelScreen } from './screens/ParcelScreen';
import { SnapshotsScreen } from './screens/SnapshotsScreen';
import { StagingScreen } from './screens/StagingScreen';
import { useTheme } from './theme';

// The SQL console brings the code editor: loaded when first opened, not at start-up.
const SqlScreen = lazy(() => import('./screens/SqlScreen').then((m) => ({ default: m.SqlScreen })));

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  connections: ConnectionsScreen,
  staging: StagingScreen,
  snapshots: SnapshotsScreen,
  parcel: ParcelScreen,
  mcp: McpScreen,
  audit: AuditScreen,
  sql: SqlScreen,
  lakehouse: LakehouseScreen,
};

export function App() {
  const route = useRoute();
  const theme = useTheme();
  const info = useAsync(() => api.app.info({}), []);

  // Alt+1…8 switch screens from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      if (Number.isInteger(index) && SCREENS[index]) {
        event.preventDefault();
        navigate(SCREENS[index].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A file dropped outside a drop zone must not replace the page.
  useEffect(() => {
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const current = SCREENS.find((s) => s.id === route.screen)!;
  const Screen = SCREEN_COMPONENTS[route.screen];
  return (
    <AppInfoContext.Provider value={info.data ?? null}>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <div className="shell">
        <nav className="sidebar" aria-label="Screens">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            <span>
              PACS MCP
              <small>Desktop</small>
            </span>
          </div>
          <ul>
            {SCREENS.map((s, i) => (
              <li key={s.id}>
                <a href={`#/${s.id}`} aria-current={s.id === route.screen ? 'page' : undefined} title={`${s.title} (Alt+${i + 1})`}>
                  <span className="nav-icon" aria-hidden="true">
                    {s.icon}
                  </span>
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
          <div className="sidebar-foot">
            <button type="button" className="small" onClick={theme.cycle} aria-label={`Theme: ${theme.choice}. Change theme`} data-testid="theme-toggle">
              {theme.applied === 'dark' ? '☾' : '☀'} Theme: {theme.choice}
            </button>
            {info.data && (
              <p className="muted small-text">
                v{info.data.version} · {info.data.host === 'bridge' ? 'test bridge' : info.data.packaged ? 'installed' : 'development'}
                <br />
                secrets: {info.data.secrets_backend === 'keychain' ? 'OS keychain' : 'memory (tests)'}
              </p>
            )}
          </div>
        </nav>
        <main id="main" tabIndex={-1} aria-labelledby="screen-title">
          <header className="screen-head">
            <h1 id="screen-title">{current.title}</h1>
          </header>
          <ErrorNotice error={info.error} />
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Screen key={route.screen} />
          </Suspense>
        </main>
      </div>
    </AppInfoContext.Provider>
  );
}
