import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP_DIRECTIVES } from '../electron/csp.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The same policy the app:// handler sends as a header, as a meta tag (frame-ancestors only works as a header). */
function cspMetaTag(): Plugin {
  const policy = Object.entries(CSP_DIRECTIVES)
    .filter(([directive]) => directive !== 'frame-ancestors')
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
  return {
    name: 'pacs-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), cspMetaTag()],
  logLevel: 'warn',
  build: {
    outDir: path.join(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // No inline polyfill script: the CSP allows scripts from the app's own files only.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
