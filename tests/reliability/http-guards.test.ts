import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from '../../mcp/server/http-guards.js';

describe('Host header (DNS rebinding)', () => {
  it.each(['127.0.0.1', '127.0.0.1:7345', 'localhost', 'localhost:7345', 'LOCALHOST:80', '[::1]', '[::1]:7345'])('accepts the loopback host %s', (host) => {
    expect(isAllowedHost(host)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:7345',
    '127.0.0.1.nip.io:7345',
    'localhost.evil.example',
    '10.0.0.1:7345',
    '0.0.0.0:7345',
    '[::2]:7345',
    '[::1',
    '127.0.0.2',
  ])('refuses %s', (host) => {
    expect(isAllowedHost(host)).toBe(false);
  });
});

describe('Origin header (web pages)', () => {
  it.each([undefined, 'app://pacs-mcp', 'http://127.0.0.1:7345', 'https://127.0.0.1', 'http://localhost:3000', 'http://[::1]:7345', 'https://[::1]'])('accepts %s', (origin) => {
    expect(isAllowedOrigin(origin)).toBe(true);
  });

  it.each([
    '',
    'null',
    'file://',
    'https://evil.example',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example:8080',
    'ws://127.0.0.1:7345',
    'ftp://127.0.0.1',
    'app://pacs-mcp.evil',
    'app://other',
    'http://10.0.0.1',
    'http://[::2]:7345',
    'not a url',
  ])('refuses %s', (origin) => {
    expect(isAllowedOrigin(origin)).toBe(false);
  });
});
