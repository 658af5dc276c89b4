import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../mcp/tools/index.js';
import { ROOT } from '../helpers/paths.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const MANIFEST = path.join(ROOT, 'resources/mcpb/manifest.json');
const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));

function mcpbValidate(file: string) {
  const bin = path.join(ROOT, 'node_modules/.bin/mcpb');
  expect(fs.existsSync(bin), '@anthropic-ai/mcpb is a devDependency: npm install').toBe(true);
  return spawnSync(bin, ['validate', file], { encoding: 'utf8', timeout: 60_000 });
}

describe('MCP Bundle manifest (resources/mcpb/manifest.json)', () => {
  it('passes `mcpb validate` for manifest_version 0.3', () => {
    expect(manifest.manifest_version).toBe('0.3');
    const result = mcpbValidate(MANIFEST);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/validation passes/i);
  });

  it('and the validator really rejects a broken manifest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-mcpb-'));
    try {
      const broken = path.join(dir, 'manifest.json');
      fs.writeFileSync(broken, JSON.stringify({ ...manifest, server: { ...manifest.server, type: 'deno' } }));
      expect(mcpbValidate(broken).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the built CLI server, names only tools the server has, and asks for no secret', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server.entry_point).toBe(pkg.bin['pacs-mcp']);
    expect(manifest.server.mcp_config.args).toEqual([`\${__dirname}/${pkg.bin['pacs-mcp']}`, 'serve']);
    const names = new Set(TOOLS.map((t) => t.name));
    for (const tool of manifest.tools) expect(names.has(tool.name), tool.name).toBe(true);
    for (const [key, option] of Object.entries(manifest.user_config as Record<string, { sensitive?: boolean }>)) {
      expect(option.sensitive, key).not.toBe(true);
      expect(key).not.toMatch(/pass|secret|token|key/i);
    }
  });
});
