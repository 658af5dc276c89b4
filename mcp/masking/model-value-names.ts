/**
 * Whether tool results show the model a connection's sensitive values as pseudonyms (`masked`, the
 * default) or as they are (`clear`). Only a person changes it, in the app or the CLI; no tool can.
 * Imports nothing: the desktop API's schemas read the names from here.
 */
export const MODEL_VALUES = ['masked', 'clear'] as const;
export type ModelValues = (typeof MODEL_VALUES)[number];
