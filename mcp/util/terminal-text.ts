/** C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text (bidi overrides, isolates, zero-width). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LINE_BREAKS = /[\t\n\r]+/g;

/**
 * Text from a file someone else made (a QA package, a sign-off), fit to print on a terminal:
 * escape sequences cannot move the cursor, rewrite earlier lines or change the title, and
 * nothing can be hidden or reordered. Line breaks and tabs become spaces.
 */
export function printable(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(LINE_BREAKS, ' ').replace(CONTROL, '');
}
