import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../mcp/claude/line-diff.js';

const labels = { from: 'a', to: 'b' };

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('x\n', 'x\n', labels)).toBe('');
  });

  it('prints hunks like diff -u, with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
    const after = ['1', '2', 'three', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'].join('\n') + '\n';
    expect(unifiedDiff(before, after, labels)).toBe(
      ['--- a', '+++ b', '@@ -1,6 +1,6 @@', ' 1', ' 2', '-3', '+three', ' 4', ' 5', ' 6', '@@ -10,3 +10,4 @@', ' 10', ' 11', ' 12', '+13', ''].join(
        '\n',
      ),
    );
  });

  it('shows a new file as all additions and marks a missing final newline', () => {
    expect(unifiedDiff('', 'a\nb\n', labels)).toBe(['--- a', '+++ b', '@@ -0,0 +1,2 @@', '+a', '+b', ''].join('\n'));
    expect(unifiedDiff('a', 'a\n', labels)).toBe(
      ['--- a', '+++ b', '@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+a', ''].join('\n'),
    );
  });
});
