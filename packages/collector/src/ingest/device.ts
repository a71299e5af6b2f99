export type DeviceType = "mobile" | "tablet" | "desktop";

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i;

/**
 * The device class of a browser's User-Agent. Tablets first: Android tablets say "Android"
 * without "Mobile", iPads say "iPad" (iPadOS 13+ in desktop mode cannot be told from a Mac).
 */
export function deviceTypeOf(userAgent: string | undefined | null): DeviceType | null {
  if (!userAgent) return null;
  if (TABLET.test(userAgent)) return "tablet";
  if (MOBILE.test(userAgent)) return "mobile";
  return "desktop";
}
