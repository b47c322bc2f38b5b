/**
 * Serve mode's transport: calls are POSTs to /api/<method>, pushed events
 * arrive on a WebSocket at /events that reconnects when the server comes back.
 * The token arrives once in the page URL; it is kept for this tab and removed
 * from the address bar so it does not end up in screenshots or history.
 */
import { createBridge, type BridgeWithDelivery } from '../../../preload/bridge';
import type { Envelope, StudioBridge } from '../../../preload/contract';

export type ConnectionListener = (connected: boolean) => void;

const tokenKey = 'latent-studio-token';
const maxRetryMs = 10_000;

export interface ServeBridge {
  readonly bridge: StudioBridge;
  readonly onConnectionChange: (listener: ConnectionListener) => void;
}

export function createServeBridge(page: Window): ServeBridge {
  const token = takeToken(page);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;

  const { bridge, deliver } = createBridge(async (method, args) => {
    try {
      const response = await fetch(`./api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
      return (await response.json()) as Envelope<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: `The studio server is not reachable (${(error as Error).message})` } };
    }
  });

  const listeners = new Set<ConnectionListener>();
  connectEvents(page, token, deliver, (connected) => listeners.forEach((listener) => listener(connected)));
  return { bridge, onConnectionChange: (listener) => void listeners.add(listener) };
}

/**
 * The Authorization header for other requests to the serve-mode server
 * (uploads). Empty under Electron and before the bridge has taken the token.
 */
export function serveAuthHeaders(page: Window): Record<string, string> {
  const token = page.sessionStorage.getItem(tokenKey);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function takeToken(page: Window): string | null {
  const url = new URL(page.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    page.sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    page.history.replaceState(page.history.state, '', url);
  }
  return fromUrl ?? page.sessionStorage.getItem(tokenKey);
}

function connectEvents(page: Window, token: string | null, deliver: BridgeWithDelivery['deliver'], onConnection: ConnectionListener): void {
  let retryMs = 500;
  const open = () => {
    const url = new URL('./events', page.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    if (token) url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = 500;
      onConnection(true);
    });
    socket.addEventListener('message', (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      deliver(event, payload);
    });
    socket.addEventListener('close', () => {
      onConnection(false);
      page.setTimeout(open, retryMs);
      retryMs = Math.min(maxRetryMs, retryMs * 2);
    });
  };
  open();
}
