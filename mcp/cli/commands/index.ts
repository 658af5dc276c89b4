import type { CliCommand } from '../command.js';
import { auditCommand } from './audit.js';
import { claudeConfigCommand } from './claude-config.js';
import { connectionsCommand } from './connections.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { importFoldersCommand } from './import-folders.js';
import { qaCommand } from './qa.js';
import { serveCommand } from './serve.js';
import { snapshotCommand } from './snapshot.js';

/** Every `pacs-mcp` command. Add a new command module here. */
export const COMMANDS: CliCommand[] = [serveCommand, connectionsCommand, demoCommand, auditCommand, claudeConfigCommand, snapshotCommand, qaCommand, importCommand, importFoldersCommand];
