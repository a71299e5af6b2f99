/** The device class of this browser, from its User-Agent. */
export function deviceType(ua: string): "mobile" | "tablet" | "desktop" {
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(ua)) return "tablet";
  return /Mobi|iPhone|Android/i.test(ua) ? "mobile" : "desktop";
}

/** The page and device context attached to every event, with the session's campaign and referrer. */
export function pageContext(campaign?: Record<string, string>, referrer?: string): Record<string, string> {
  const { href, pathname } = location;
  return {
    page_url: href.slice(0, 2048),
    page_path: pathname,
    ...(document.title && { page_title: document.title.slice(0, 500) }),
    ...(referrer && { referrer: referrer.slice(0, 2048) }),
    ...campaign,
    device_type: deviceType(navigator.userAgent),
    platform: "web",
    ...(navigator.language && { locale: navigator.language }),
  };
}
