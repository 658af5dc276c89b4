import crypto from 'node:crypto';
import { escapeHtml } from './html-escape.js';

/**
 * The Content-Security-Policy of every HTML report the app writes: nothing may load or run (no
 * script, image, frame, font or connection), forms cannot submit, and only the report's own
 * stylesheet, named by its hash, applies. Report fields are escaped as well, so no tag can be
 * injected at all: a policy cannot stop a <meta http-equiv="refresh"> that gets into the page.
 */
export function reportCsp(css: string): string {
  const styleHash = crypto.createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
}

/** `<!doctype html>` through `<body>`: the policy first (its text has no `"` or `<`), then the escaped title and the stylesheet. */
export function reportDocumentStart(title: string, css: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(css)}">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${css}</style></head><body>`;
}
