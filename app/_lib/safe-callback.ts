/** Only same-site paths: "//evil.example" and "/\evil.example" would leave the site. */
export function safeCallbackUrl(callbackUrl: string | undefined, fallback = "/dashboard"): string {
  if (!callbackUrl || !callbackUrl.startsWith("/") || callbackUrl.startsWith("//") || callbackUrl.startsWith("/\\")) return fallback;
  try {
    const url = new URL(callbackUrl, "http://lodestone.invalid");
    return url.origin === "http://lodestone.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
