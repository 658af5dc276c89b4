import type { PacsApi } from '../../electron/api/types.js';

// What the preload (or the bridge client) puts on the page, for page.evaluate in the tests.
declare global {
  interface Window {
    readonly pacs?: PacsApi;
  }
}

export {};
