import type { z } from 'zod';

/** "max_rows: must be at most 10000; sql: required" — short enough for a tool error. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'arguments';
      // Zod 4 leaves `input` out of issues unless asked, so "missing" is read from the message.
      if (issue.code === 'invalid_type' && issue.input === undefined && /received undefined$/.test(issue.message)) return `${where} is required`;
      if (issue.code === 'unrecognized_keys') return `unknown argument(s) ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
