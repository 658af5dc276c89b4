import { createContext, useContext } from 'react';
import type { Out } from './api';

export type AppInfo = Out<'app', 'info'>;
export const AppInfoContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
