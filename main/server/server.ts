/**
 * Serve mode: the same renderer and the same API over HTTP + WebSocket, for a
 * browser on this machine (or, when told, another one).
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { uploadRoute, type Envelope, type ErrorCode } from '../../preload/contract';
import { toErrorInfo } from '../api/errors';
import { contentSecurityPolicy } from '../content/csp';
import { resolveContent, type ContentRoots } from '../content/resolve';
import type { Studio } from '../studio';
import { allowedHosts, checkRequest, newToken, tokenCookie, type Gate } from './auth';
import { httpStatusFor } from './http-status';
import { confineToFolders } from './path-policy';
import { receiveUpload } from './uploads';

export interface ServeOptions {
  readonly studio: Studio;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly rendererDir: string;
  readonly assetsDir: string;
  /**
   * Folders calls may read and write besides the open project and the one
   * serve started with (serve --allow-dir); every other path is refused.
   */
  readonly allowDirs: readonly string[];
  /** Fixed in tests; random otherwise. */
  readonly token?: string;
}

export interface RunningServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const eventsPath = '/events';

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  // Set once listening: the Host check needs the port, which may be chosen by the OS.
  let gate: Gate | null = null;
  const roots: ContentRoots = {
    rendererDir: options.rendererDir,
    assetsDir: options.assetsDir,
    blobs: () => (options.studio.project.summary ? options.studio.project.library.blobs : null),
  };
  const startingProject = options.studio.project.summary?.path;
  const pathPolicy = confineToFolders(() => {
    const openProject = options.studio.project.summary?.path;
    return [...options.allowDirs, ...[startingProject, openProject].filter((folder) => folder !== undefined)];
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendEnvelope(response, 'INTERNAL', `Internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://server');
    const denial = gate ? checkRequest(gate, request.headers, url) : null;
    if (!gate || denial) {
      sendEnvelope(response, denial?.code ?? 'UNAVAILABLE', denial?.message ?? 'Starting');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await handleCall(request, response, decodeURIComponent(url.pathname.slice('/api/'.length)));
      return;
    }
    if (url.pathname.startsWith(uploadRoute.prefix)) {
      await handleUpload(request, response, url.pathname.slice(uploadRoute.prefix.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    const resolved = await resolveContent(roots, url.pathname);
    if (!resolved.found) {
      response.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': resolved.contentType, 'Cache-Control': 'no-cache' };
    if (resolved.contentType.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy;
      // The first page load brings the token in the URL; the cookie carries it to images and scripts.
      if (url.searchParams.has('token')) headers['Set-Cookie'] = `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(resolved.path).pipe(response);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Call ${method} with POST and a JSON array of arguments` } });
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      sendEnvelope(response, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes`);
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? [] : JSON.parse(body);
    } catch {
      sendEnvelope(response, 'INVALID_ARGUMENT', `${method}: the request body is not valid JSON`);
      return;
    }
    // The call reached the studio, so the transport succeeded: the envelope carries the outcome.
    // (A 4xx here would also make the browser log every refused argument as a console error.)
    sendJson(response, 200, await options.studio.dispatch(method, args, { pathPolicy }));
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, routePath: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Upload a file with POST' } });
      return;
    }
    try {
      const staging = join(options.studio.project.library.folders.cache, 'uploads');
      sendJson(response, 200, { ok: true, value: await receiveUpload(request, staging, routePath) });
    } catch (error) {
      // Like a call, the outcome is in the envelope (a 4xx would log a console error per refused file).
      sendJson(response, 200, { ok: false, error: toErrorInfo(error) });
    }
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://server');
    const denial = gate ? checkRequest(gate, request.headers, url) : { status: 503, message: 'Starting' };
    if (denial || url.pathname !== eventsPath) {
      const status = denial?.status ?? 404;
      socket.end(`HTTP/1.1 ${status} ${denial?.message ?? 'Not found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.studio.events.subscribe((event, payload) => ws.send(JSON.stringify({ event, payload })));
      ws.on('close', unsubscribe);
      // Pushed events flow one way; anything a client sends is ignored.
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  gate = { token, port, hosts: allowedHosts(options.host, port) };
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        // Stop listening first, then drop every connection: keep-alive sockets and WebSockets would otherwise hold close() open.
        server.close(() => resolve());
        for (const client of sockets.clients) client.terminate();
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(null);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendEnvelope(response: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(response, httpStatusFor[code], { ok: false, error: { code, message } });
}

function sendJson(response: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(envelope));
}
