/**
 * Which tools a server lists. Every tool belongs to one toolset; `core` (the PACS tools and
 * read-only SQL) is always listed, and `PACS_MCP_TOOLSETS` adds sets by name (`all`: every one),
 * so a conversation pays only for the tool descriptions it can use. Imports nothing: the desktop
 * API and the Claude config writer read the names from here.
 */

export const TOOLSETS_ENV = 'PACS_MCP_TOOLSETS';

export const TOOLSET_NAMES = ['core', 'imports', 'snapshots', 'lakehouse', 'admin'] as const;
export type ToolsetName = (typeof TOOLSET_NAMES)[number];

/** The value that lists every toolset. */
export const ALL_TOOLSETS = 'all';

/** For people choosing sets (the app's MCP screen, `claude-config --help`). */
export const TOOLSET_DESCRIPTIONS: Readonly<Record<ToolsetName, string>> = {
  core: 'Always on: connections, tables, read-only SQL, query evidence, parcels, values and appeals.',
  imports: 'Stage and validate import files (mass exemptions, property values) and follow their batches.',
  snapshots: 'Save parcel snapshots and diff them.',
  lakehouse: 'Load tables and files into the lakehouse (bronze) and clean them into silver, as jobs.',
  admin: 'Register PostgreSQL and SQL Server connections (metadata only; passwords are entered by a person).',
};

export interface ToolsetChoice {
  /** The sets listed, core first, in TOOLSET_NAMES order. */
  sets: ToolsetName[];
  /** Names in the setting that are not toolsets (reported, otherwise ignored). */
  unknown: string[];
}

export function isToolsetName(name: string): name is ToolsetName {
  return (TOOLSET_NAMES as readonly string[]).includes(name);
}

/** `PACS_MCP_TOOLSETS`: a comma list of set names, `all`, or nothing (core only). Case and blanks do not matter. */
export function parseToolsets(value: string | undefined): ToolsetChoice {
  const names = (value ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const all = names.includes(ALL_TOOLSETS);
  const unknown = [...new Set(names.filter((n) => n !== ALL_TOOLSETS && !isToolsetName(n)))];
  const sets = TOOLSET_NAMES.filter((set) => all || set === 'core' || names.includes(set));
  return { sets, unknown };
}

/** The setting that lists exactly these sets (core implied), as the Claude config entry writes it. */
export function toolsetsSetting(sets: readonly string[]): string {
  const chosen = TOOLSET_NAMES.filter((set) => set !== 'core' && sets.includes(set));
  if (chosen.length === TOOLSET_NAMES.length - 1) return ALL_TOOLSETS;
  return chosen.join(',');
}

/** The stderr line a server prints at start when the setting names sets that do not exist. */
export function unknownToolsetsWarning(choice: ToolsetChoice): string | null {
  if (choice.unknown.length === 0) return null;
  const names = choice.unknown.map((n) => `"${n}"`).join(', ');
  return (
    `${TOOLSETS_ENV} names ${choice.unknown.length === 1 ? 'a toolset that does not exist' : 'toolsets that do not exist'}: ${names}. ` +
    `Known toolsets: ${TOOLSET_NAMES.join(', ')} (or ${ALL_TOOLSETS}). Listing: ${choice.sets.join(', ')}.`
  );
}
