/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://portal.invalid");
    if (url.origin !== "http://portal.invalid") {
      return "/";
    }
    return `${url.pathname}${url.search}${url.hash}` || "/";
  } catch {
    return "/";
  }
}
