export type ClaudeConfigErrorCode =
  | 'unreadable'
  | 'unparseable'
  | 'changed-since-plan'
  | 'secret-in-entry'
  | 'invalid-entry'
  | 'in-use';

/** Every refusal of the Claude Desktop config writer; the message says what to do. */
export class ClaudeConfigError extends Error {
  readonly code: ClaudeConfigErrorCode;
  /** The config file concerned, when there is one. */
  readonly configPath: string | null;

  constructor(code: ClaudeConfigErrorCode, message: string, configPath: string | null = null) {
    super(message);
    this.name = 'ClaudeConfigError';
    this.code = code;
    this.configPath = configPath;
  }
}
