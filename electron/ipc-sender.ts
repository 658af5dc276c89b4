import { isAppUrl } from './trusted-url.js';

export interface SenderFrameInfo {
  url: string | undefined | null;
  /** True for the window's top frame. */
  isTopFrame: boolean;
}

/**
 * Only the app's own top frame may call the API: not an iframe, not a page the window was
 * navigated to (the navigation guard prevents that too), not a devtools extension.
 */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.isTopFrame && isAppUrl(frame.url);
}
