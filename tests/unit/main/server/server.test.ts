import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DoctorReport, SystemInfo } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { startServer, type RunningServer } from '../../../../main/server/server';
import { createStudio, type Studio } from '../../../../main/studio';

const paths = appPaths();
const hash = 'cd'.repeat(32);

describe('serve mode over HTTP and WebSocket', () => {
  let studio: Studio;
  let server: RunningServer;
  let base: string;
  let origin: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-serve-'));
    studio = createStudio('serve', forkEngine(paths.engineEntry));
    const opened = await studio.dispatch('library.create', [{ path: join(base, 'Current') }]);
    expect(opened.ok).toBe(true);
    mkdirSync(join(base, 'Current', 'blobs', 'cd'));
    writeFileSync(join(base, 'Current', 'blobs', 'cd', hash), Buffer.from('ffd8ffe000104a464946', 'hex'));
    // The scratch folder is allowed, so the test may create a second project beside the first.
    server = await startServer({ studio, host: '127.0.0.1', port: 0, rendererDir: paths.rendererDir, assetsDir: paths.assetsDir, allowDirs: [base] });
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    studio.close();
  });

  const call = (method: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, ...headers }, body });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('answers a call with the envelope', async () => {
    const response = await call('system.info', '[]');
    expect(response.status).toBe(200);
    const envelope = await response.json();
    expect(envelope).toMatchObject({ ok: true, value: { mode: 'serve', project: { name: 'Current' } } });
  });

  it('refuses calls without the token, with a bad one, or from another origin', async () => {
    const none = await fetch(`${origin}/api/system.info`, { method: 'POST', body: '[]' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await call('system.info', '[]', { authorization: 'Bearer wrong' })).status).toBe(401);
    const foreign = await call('system.info', '[]', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names the bad field of an invalid call in the envelope', async () => {
    const invalid = await call('library.open', JSON.stringify([{ path: 7 }]));
    expect(invalid.status).toBe(200);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('path') } });
    expect(await (await call('no.such', '[]')).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses requests it cannot read: not JSON, too large, not a POST', async () => {
    const malformed = await call('library.open', '{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('not valid JSON') } });
    const huge = await call('library.open', JSON.stringify([{ path: 'x'.repeat(2 * 1024 * 1024) }]));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const getCall = await fetch(`${origin}/api/system.info`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(getCall.status).toBe(405);
    expect(await getCall.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('serves the page with its CSP and sets the token cookie on the first load', async () => {
    const page = await fetch(`${origin}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/studio_token=.+; HttpOnly; SameSite=Strict/);
    const html = await page.text();
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    // Scripts and images are then fetched with the cookie alone.
    const script = html.match(/src="\.\/(build\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const withCookie = await fetch(`${origin}/${script}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    expect((await fetch(`${origin}/${script}`)).status).toBe(401);
  });

  it('serves images through asset URLs, and nothing outside the app', async () => {
    const headers = { authorization: `Bearer ${server.token}` };
    const blob = await fetch(`${origin}/asset/blob/${hash}`, { headers });
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${origin}/asset/app/icon.svg`, { headers })).headers.get('content-type')).toBe('image/svg+xml');
    const traversal = await rawGet(server.port, '/../package.json', headers);
    expect(traversal).toBe(404);
  });

  it('pushes the backend probe as job progress, ending with the active backend', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, { origin });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const jobs: { state: string; completed: number; total: number; message: string }[] = [];
    const finished = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const { event, payload } = JSON.parse(String(data));
        if (event !== 'jobProgress') return;
        jobs.push(payload);
        if (payload.state !== 'running') resolve();
      }),
    );
    const doctor = (await (await call('system.doctor', '[]')).json()) as { value: DoctorReport };
    await finished;
    socket.close();
    expect(jobs[0]).toMatchObject({ state: 'running', completed: 0 });
    expect(jobs.at(-1)).toMatchObject({ state: 'done', message: `Computing on ${doctor.value.backends.active}` });
    const info = (await (await call('system.info', '[]')).json()) as { value: SystemInfo };
    expect(info.value.backend).toBe(doctor.value.backends.active);
  });

  it('stages uploaded files in the project, keeping their folders, for an import', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer();
    const upload = (path: string, body: Buffer, headers: Record<string, string> = { authorization: `Bearer ${server.token}` }) =>
      fetch(`${origin}/upload/${path}`, { method: 'POST', headers, body });
    const first = await upload('batch-0001/boots/a%20b.png', png);
    expect(first.status).toBe(200);
    const { value } = (await first.json()) as { value: { folder: string } };
    expect(value.folder).toBe(join(base, 'Current', 'cache', 'uploads', 'batch-0001'));
    expect(readFileSync(join(value.folder, 'boots', 'a b.png')).equals(png)).toBe(true);
    await upload('batch-0001/sandals/c.png', png);
    const imported = await call('datasets.import', JSON.stringify([{ dataset: 'Uploaded', kind: 'images', paths: [value.folder] }]));
    expect(await imported.json()).toMatchObject({ ok: true, value: { imported: 1, duplicates: 1 } });

    expect((await upload('batch-0001/x.png', png, {})).status).toBe(401);
    for (const path of ['batch-0001/..%2F..%2Fescape.png', 'batch-0001/../escape.png', 'short/x.png', 'batch-0001/', 'batch-0001/%2E%2E/x.png']) {
      const refused = await rawPost(server.port, `/upload/${path}`, { authorization: `Bearer ${server.token}` }, png);
      expect(refused.status === 404 || refused.body.includes('"code":"INVALID_ARGUMENT"')).toBe(true);
    }
    const huge = await rawPost(server.port, '/upload/batch-0001/huge.png', { authorization: `Bearer ${server.token}`, 'content-length': String(2 ** 30) }, png, false);
    expect(huge.body).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(existsSync(join(value.folder, 'huge.png'))).toBe(false);
  });

  it('pushes events to an authorised WebSocket and refuses others', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, { origin });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const received = new Promise<{ event: string; payload: { name: string } }>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    await call('library.create', JSON.stringify([{ path: join(base, 'Second') }]));
    expect(await received).toMatchObject({ event: 'projectChanged', payload: { name: 'Second' } });
    socket.close();

    for (const [url, options] of [
      [`ws://127.0.0.1:${server.port}/events`, { origin }],
      [`ws://127.0.0.1:${server.port}/events?token=${server.token}`, { origin: 'http://evil.example' }],
    ] as const) {
      const refused = new WebSocket(url, options);
      const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).once('error', () => resolve(-1)));
      expect([401, 403]).toContain(status);
    }
  });
});

/** A POST sent as written, path and headers unchecked by any client library. */
function rawPost(port: number, path: string, headers: Record<string, string>, body: Buffer, complete = true): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
        request.destroy();
      });
    });
    request.on('error', (error) => (complete ? reject(error) : undefined));
    request.write(body);
    if (complete) request.end();
  });
}

/** fetch() normalises "/../x" away; a raw request sends the path as an attacker would. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}
