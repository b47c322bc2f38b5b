import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../content/csp';
import { resolveContent, type ContentRoots } from '../content/resolve';

export const appScheme = 'studio';

/** Must run before the app is ready: makes studio:// behave like https for fetch, CSP and storage. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the renderer and images from studio://app/ — never file://. */
export function serveAppScheme(roots: ContentRoots): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const resolved = await resolveContent(roots, url.pathname);
    if (!resolved.found) return new Response('Not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': resolved.contentType, 'X-Content-Type-Options': 'nosniff' };
    if (resolved.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy;
    return new Response(await readFile(resolved.path), { headers });
  });
}
