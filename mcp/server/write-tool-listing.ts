// Build step (scripts/build.mjs): writes the tools/list answer of the built server to the file
// named on the command line, so the server does not convert every zod schema when it starts.
import fs from 'node:fs';
import { TOOLS } from '../tools/index.js';
import { VERSION } from '../version.js';
import { computeToolListing, type ToolListingFile } from './tool-listing.js';

const target = process.argv[2];
if (!target) throw new Error('usage: write-tool-listing OUT.json');
const file: ToolListingFile = { version: VERSION, tools: computeToolListing(TOOLS) };
fs.writeFileSync(target, `${JSON.stringify(file)}\n`);
