import { createRequire } from 'node:module';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

type AjvProvider = { AjvJsonSchemaValidator: new () => jsonSchemaValidator };

/**
 * Stands in for the MCP SDK's AjvJsonSchemaValidator in the server bundle (scripts/build.mjs
 * swaps it in). The SDK server builds an Ajv validator at start-up but only uses it to check
 * elicitation answers, which PACS MCP never asks for; Ajv is a quarter of the start-up code.
 * Here the SDK's own validator is loaded on first use instead, so behaviour is unchanged.
 */
export class AjvJsonSchemaValidator implements jsonSchemaValidator {
  private inner?: jsonSchemaValidator;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    this.inner ??= new (createRequire(import.meta.url)('@modelcontextprotocol/sdk/validation/ajv') as AjvProvider).AjvJsonSchemaValidator();
    return this.inner.getValidator<T>(schema);
  }
}
