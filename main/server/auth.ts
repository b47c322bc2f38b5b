/**
 * Serve mode's gate: a random token on every request and WebSocket, the
 * Origin checked against our own, and the Host checked so a rebinding DNS
 * name cannot borrow the browser's cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIPv4 } from 'node:net';

export const tokenCookie = 'studio_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface Gate {
  readonly token: string;
  /** `host:port` values a request's Host header may carry; null accepts any (bound to all interfaces). */
  readonly hosts: ReadonlySet<string> | null;
  readonly port: number;
}

export type Denial = { readonly status: 401 | 403; readonly code: 'UNAUTHORIZED' | 'FORBIDDEN'; readonly message: string };

/** The Host values a loopback or named bind answers to. */
export function allowedHosts(boundHost: string, port: number): ReadonlySet<string> | null {
  if (boundHost === '0.0.0.0' || boundHost === '::') return null;
  const names = isLoopback(boundHost) ? ['127.0.0.1', 'localhost', '[::1]'] : [boundHost.includes(':') ? `[${boundHost}]` : boundHost];
  return new Set(names.map((name) => `${name}:${port}`));
}

/** localhost, ::1 or 127.0.0.0/8 (an address, not a name such as 127.example.com). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

export function checkRequest(gate: Gate, headers: IncomingHttpHeaders, url: URL): Denial | null {
  const host = headers.host?.toLowerCase();
  if (gate.hosts && (!host || !gate.hosts.has(host))) {
    return { status: 403, code: 'FORBIDDEN', message: `Host "${host ?? ''}" is not this server` };
  }
  const origin = headers.origin;
  if (origin !== undefined && !originMatchesHost(origin, host, gate.port)) {
    return { status: 403, code: 'FORBIDDEN', message: `Origin "${origin}" may not use this server` };
  }
  const offered = presentedToken(headers, url);
  if (offered === null) return { status: 401, code: 'UNAUTHORIZED', message: 'A token is required: open the URL that `latent-studio serve` printed' };
  if (!sameSecret(offered, gate.token)) return { status: 401, code: 'UNAUTHORIZED', message: 'The token is wrong: open the URL that `latent-studio serve` printed' };
  return null;
}

/** The browser's Origin must be the page we served: same host and port, plain http. */
function originMatchesHost(origin: string, host: string | undefined, port: number): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && parsed.host.toLowerCase() === host && Number(parsed.port || 80) === port;
}

/** Bearer header for API clients, the query for the first page load and WebSockets, the cookie after that. */
export function presentedToken(headers: IncomingHttpHeaders, url: URL): string | null {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  const query = url.searchParams.get('token');
  if (query) return query;
  return readCookie(headers.cookie, tokenCookie);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
