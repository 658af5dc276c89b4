/**
 * How big one MCP message may be, and what that leaves for a file sent inline. The stdio
 * transport skips a longer line (and answers it with an error); the HTTP host refuses a larger
 * body. A file's text travels JSON-escaped inside the message (quotes and backslashes doubled,
 * control characters six times as long), so the advertised limit for inline content leaves room.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** The longest file_content a tool accepts: a file this size fits one message even when its text escapes to half again its length. */
export const MAX_INLINE_FILE_CHARS = 20 * 1024 * 1024;
