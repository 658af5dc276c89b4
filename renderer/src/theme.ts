import { useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'pacs-theme';

function systemTheme(): 'light' | 'dark' {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light, dark or the system's choice; remembered on this machine. */
export function useTheme(): { choice: ThemeChoice; applied: 'light' | 'dark'; cycle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(() => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system');
  const [system, setSystem] = useState(systemTheme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystem(systemTheme());
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  const applied = choice === 'system' ? system : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
    localStorage.setItem(KEY, choice);
  }, [applied, choice]);
  const order: ThemeChoice[] = ['system', 'light', 'dark'];
  return { choice, applied, cycle: () => setChoice((c) => order[(order.indexOf(c) + 1) % order.length]) };
}
