import { describe, expect, it } from 'vitest';
import { AjvJsonSchemaValidator } from '../../mcp/server/lazy-ajv-validator.js';

describe('the lazily loaded JSON Schema validator the server bundle uses in place of the SDK one', () => {
  it('validates like the SDK validator once first used', () => {
    const validator = new AjvJsonSchemaValidator().getValidator<{ n: number }>({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] });
    expect(validator({ n: 3 })).toMatchObject({ valid: true, data: { n: 3 } });
    const bad = validator({ n: 0 });
    expect(bad.valid).toBe(false);
    expect(bad.errorMessage).toMatch(/>= 1/);
    expect(validator({}).valid).toBe(false);
  });
});
