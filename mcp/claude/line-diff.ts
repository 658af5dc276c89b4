interface DiffOp {
  kind: ' ' | '-' | '+';
  /** The line with its terminator, so a change of line ending or final newline shows. */
  line: string;
}

// Above this many cells the middle of the diff is shown as a block replace instead.
const MAX_LCS_CELLS = 4_000_000;

/**
 * A unified diff (as `diff -u` prints it) of two texts, with `context` unchanged lines
 * around each change. Empty when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const hunk of hunkRanges(ops, context)) out.push(...formatHunk(ops, hunk.start, hunk.end));
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: string[], b: string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const same = (lines: string[]): DiffOp[] => lines.map((line) => ({ kind: ' ', line }));
  return [
    ...same(a.slice(0, prefix)),
    ...diffMiddle(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...same(a.slice(a.length - suffix)),
  ];
}

/** Longest-common-subsequence diff; the common prefix and suffix are already removed. */
function diffMiddle(a: string[], b: string[]): DiffOp[] {
  const removeAll = (): DiffOp[] => a.map((line) => ({ kind: '-', line }));
  const addAll = (): DiffOp[] => b.map((line) => ({ kind: '+', line }));
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_LCS_CELLS) return [...removeAll(), ...addAll()];

  const width = b.length + 1;
  // lcs[i * width + j] = LCS length of a[i..] and b[j..]
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      ops.push({ kind: '-', line: a[i++] });
    } else {
      ops.push({ kind: '+', line: b[j++] });
    }
  }
  while (i < a.length) ops.push({ kind: '-', line: a[i++] });
  while (j < b.length) ops.push({ kind: '+', line: b[j++] });
  return ops;
}

/** Half-open op ranges, one per hunk; changes closer than 2 × context share a hunk. */
function hunkRanges(ops: DiffOp[], context: number): { start: number; end: number }[] {
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const hunks: { start: number; end: number }[] = [];
  for (const index of changed) {
    const last = hunks[hunks.length - 1];
    if (last && index - last.end <= context) {
      last.end = Math.min(ops.length, index + context + 1);
    } else {
      hunks.push({ start: Math.max(0, index - context), end: Math.min(ops.length, index + context + 1) });
    }
  }
  return hunks;
}

function formatHunk(ops: DiffOp[], start: number, end: number): string[] {
  const before = ops.slice(0, start);
  const body = ops.slice(start, end);
  const oldBefore = before.filter((op) => op.kind !== '+').length;
  const newBefore = before.filter((op) => op.kind !== '-').length;
  const oldCount = body.filter((op) => op.kind !== '+').length;
  const newCount = body.filter((op) => op.kind !== '-').length;
  const lines = [`@@ -${range(oldBefore, oldCount)} +${range(newBefore, newCount)} @@`];
  for (const op of body) {
    lines.push(op.kind + op.line.replace(/\r?\n$/, ''));
    if (!op.line.endsWith('\n')) lines.push('\\ No newline at end of file');
  }
  return lines;
}

function range(linesBefore: number, count: number): string {
  const start = count === 0 ? linesBefore : linesBefore + 1;
  return count === 1 ? String(start) : `${start},${count}`;
}
