import { UserError, type UserErrorKind } from '../util/user-error.js';

export type ClaudeConfigErrorCode =
  | 'unreadable'
  | 'unparseable'
  | 'changed-since-plan'
  | 'secret-in-entry'
  | 'invalid-entry'
  | 'in-use';

const KIND: Record<ClaudeConfigErrorCode, UserErrorKind> = {
  unreadable: 'unavailable',
  unparseable: 'invalid',
  'changed-since-plan': 'conflict',
  'secret-in-entry': 'refused',
  'invalid-entry': 'invalid',
  'in-use': 'unavailable',
};

/** Every refusal of the Claude Desktop config writer; the message says what to do. */
export class ClaudeConfigError extends UserError {
  readonly code: ClaudeConfigErrorCode;
  /** The config file concerned, when there is one. */
  readonly configPath: string | null;

  constructor(code: ClaudeConfigErrorCode, message: string, configPath: string | null = null) {
    super(KIND[code], message);
    this.code = code;
    this.configPath = configPath;
  }
}
