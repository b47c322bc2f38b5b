/**
 * The renderer's Content Security Policy: only our own scripts, styles and
 * connections; images from our own asset URLs, or made in the page (blob:,
 * data:). Both front doors send it as a header; the built index.html carries
 * it as a meta tag too, less `frame-ancestors`, which browsers honour only in
 * a header.
 */
const directives = [
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
];

export const contentSecurityPolicy = directives.join('; ');

export const metaContentSecurityPolicy = directives.filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');
