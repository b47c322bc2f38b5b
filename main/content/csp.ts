/**
 * The renderer's Content Security Policy: only our own scripts, styles and
 * connections; images from our own asset URLs, or made in the page (blob:,
 * data:). Sent as a header by both front doors and injected as a meta tag
 * into the built index.html.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
