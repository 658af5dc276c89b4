import { z } from 'zod';

/** A reviewer whose sign-offs this install accepts: a name and the public key of their workstation. */
export const reviewerKeyView = z.object({
  fingerprint: z.string(),
  public_key: z.string(),
  name: z.string(),
  added_at: z.string(),
  added_by: z.string(),
  removed_at: z.string().nullable(),
  removed_by: z.string().nullable(),
});

export const reviewersList = {
  input: z.object({ include_removed: z.boolean().default(false) }),
  output: z.object({ reviewers: z.array(reviewerKeyView) }),
};

export const reviewersAdd = {
  input: z.object({
    name: z.string().trim().min(1).max(100),
    public_key: z
      .string()
      .trim()
      .regex(/^ed25519:[A-Za-z0-9_-]{43}$/, 'A reviewer key is "ed25519:" followed by 43 characters, as `pacs-mcp qa reviewer-key` prints it on the reviewer\'s workstation.'),
  }),
  output: reviewerKeyView,
};

export const reviewersRemove = {
  input: z.object({ key: z.string().trim().min(1).max(200) }),
  output: reviewerKeyView,
};
