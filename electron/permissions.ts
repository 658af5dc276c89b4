import { isAppUrl } from './trusted-url.js';

/** Permissions the app itself uses: writing to the clipboard (the Copy buttons). */
const GRANTED_TO_APP = new Set(['clipboard-sanitized-write']);

/**
 * Deny by default: camera, microphone, location, notifications, USB, HID, serial, MIDI,
 * openExternal and everything else. The one grant is to the app's own origin.
 */
export function permissionDecision(permission: string, requestingUrl: string | undefined | null): boolean {
  return GRANTED_TO_APP.has(permission) && isAppUrl(requestingUrl);
}
