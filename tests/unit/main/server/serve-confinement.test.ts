/**
 * Serve mode through the built CLI (npm run build): a browser user holding
 * the token may use the open project and the --allow-dir folders, nothing
 * else; a non-loopback bind must say which folders; SIGTERM ends it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Envelope } from '../../../../preload/contract';
import { appPaths } from '../../../../main/paths';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

interface Served {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly token: string;
  readonly exited: Promise<number | null>;
}

async function startServe(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--json', '--no-starter', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  const { url, token } = JSON.parse(String(first.value)) as { url: string; token: string };
  return { child, origin: new URL(url).origin, token, exited };
}

async function call(served: Served, method: string, argument?: unknown): Promise<Envelope<unknown>> {
  const response = await fetch(`${served.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${served.token}` }, body: JSON.stringify(argument === undefined ? [] : [argument]) });
  return (await response.json()) as Envelope<unknown>;
}

const png = () => sharp({ create: { width: 24, height: 24, channels: 3, background: '#884422' } }).png().toBuffer();

describe('serve confines file and folder arguments', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'studio-confined-')));
  const home = join(base, 'config');
  const project = join(base, 'Project');
  const allowed = join(base, 'allowed');
  const fromSettings = join(base, 'from-settings');
  const outside = join(base, 'outside');
  let served: Served;

  beforeAll(async () => {
    for (const folder of [allowed, fromSettings, outside]) {
      mkdirSync(folder);
      writeFileSync(join(folder, 'picture.png'), await png());
    }
    symlinkSync('/etc', join(allowed, 'etc-link'));
    symlinkSync('/etc/hostname', join(allowed, 'hostname-link'));
    mkdirSync(join(home, 'Latent Studio'), { recursive: true });
    writeFileSync(join(home, 'Latent Studio', 'settings.json'), JSON.stringify({ backend: null, allowDirs: [fromSettings] }));
    served = await startServe(['--project', project, '--allow-dir', allowed], { ...process.env, XDG_CONFIG_HOME: home });
  });

  afterAll(async () => {
    served.child.kill('SIGTERM');
    await served.exited;
  });

  it('refuses to import /etc/hostname, naming the field', async () => {
    expect(await call(served, 'datasets.import', { dataset: 'Photos', kind: 'images', paths: [join(allowed, 'picture.png'), '/etc/hostname'] })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^datasets\.import: paths\.1: "\/etc\/hostname" is outside the folders this server may use/) },
    });
  });

  it('imports from an --allow-dir folder and from the settings’ allowDirs', async () => {
    expect(await call(served, 'datasets.import', { dataset: 'Photos', kind: 'images', paths: [join(allowed, 'picture.png')] })).toMatchObject({ ok: true, value: { imported: 1 } });
    expect(await call(served, 'datasets.import', { dataset: 'Photos', paths: [fromSettings] })).toMatchObject({ ok: true, value: { duplicates: 1 } });
  });

  it('refuses to export into a folder or a ZIP outside', async () => {
    const request = { selection: { outputIds: [1] }, format: 'png' };
    expect(await call(served, 'export.images', { ...request, destination: { folder: join(outside, 'exported') } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('export.images: destination.folder:') },
    });
    expect(await call(served, 'export.images', { ...request, destination: { zip: join(outside, 'exported.zip') } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('destination.zip') },
    });
    expect(await call(served, 'models.export', { checkpointId: 1, folder: '/tmp' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('models.export: folder:') } });
  });

  it('creates projects only inside an allowed folder, and reopens the one it started with', async () => {
    expect(await call(served, 'library.create', { path: join(outside, 'Elsewhere') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('library.create: path:') },
    });
    expect(existsSync(join(outside, 'Elsewhere'))).toBe(false);
    expect(await call(served, 'library.create', { path: join(allowed, 'Second') })).toMatchObject({ ok: true, value: { name: 'Second' } });
    expect(await call(served, 'library.open', { path: project })).toMatchObject({ ok: true, value: { name: 'Project' } });
  });

  it('refuses a relative path and one with a bidirectional override as invalid, naming the field', async () => {
    expect(await call(served, 'datasets.import', { dataset: 'Photos', paths: ['allowed/picture.png'] })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'datasets.import: paths.0: must be an absolute path' },
    });
    expect(await call(served, 'translate.image', { checkpointId: 1, source: { path: join(allowed, '\u202egnp.exe') } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^translate\.image: source\.path: must not contain bidirectional/) },
    });
  });

  it('refuses a link inside an allowed folder that leads to /etc', async () => {
    for (const path of [join(allowed, 'etc-link', 'hostname'), join(allowed, 'hostname-link')]) {
      expect(await call(served, 'datasets.import', { dataset: 'Photos', paths: [path] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('still imports what a browser uploaded into the project', async () => {
    const uploaded = await fetch(`${served.origin}/upload/batch-00000001/shoes/a.png`, { method: 'POST', headers: { authorization: `Bearer ${served.token}` }, body: await png() });
    const { value } = (await uploaded.json()) as { value: { folder: string } };
    expect(value.folder).toBe(join(project, 'cache', 'uploads', 'batch-00000001'));
    expect(await call(served, 'datasets.import', { dataset: 'Uploaded', kind: 'images', paths: [value.folder] })).toMatchObject({ ok: true, value: { imported: 1 } });
  });
});

describe('serve on a non-loopback interface', () => {
  const home = mkdtempSync(join(tmpdir(), 'studio-exposed-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'serve', '--port', '0', '--no-starter', '--project', join(home, 'Project'), ...args], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: home }, timeout: 30_000 });

  it('refuses to start without --allow-dir, before opening or listening', () => {
    const refused = run('--host', '0.0.0.0');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--host 0.0.0.0 lets other machines reach this studio: name the folders its users may read and write with --allow-dir DIR');
    expect(existsSync(join(home, 'Project'))).toBe(false);
  });

  it('refuses --allow-dir none mixed with folders, and a folder that is not there', () => {
    expect(run('--allow-dir', 'none', '--allow-dir', home).stderr).toContain('cannot be combined with folders');
    const missing = run('--allow-dir', join(home, 'no-such-folder'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-folder: there is no such folder');
  });
});

describe('serve and SIGTERM', () => {
  it('ends within 5 s with a keep-alive connection, a WebSocket and an import running', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-sigterm-'));
    const served = await startServe(['--project', join(base, 'Project'), '--allow-dir', base], { ...process.env, XDG_CONFIG_HOME: join(base, 'config') });
    try {
      expect(await call(served, 'system.info')).toMatchObject({ ok: true });
      const socket = new WebSocket(`${served.origin.replace('http', 'ws')}/events?token=${served.token}`, { origin: served.origin });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const jobId = 'import-before-sigterm';
      const running = new Promise<void>((resolve) =>
        socket.on('message', (data) => {
          const { event, payload } = JSON.parse(String(data)) as { event: string; payload: { jobId?: string; completed?: number } };
          if (event === 'jobProgress' && payload.jobId === jobId && (payload.completed ?? 0) > 0) resolve();
        }),
      );
      const importing = call(served, 'datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(base, 5000)], jobId }).then(
        (envelope) => (envelope.ok ? 'finished' : 'refused'),
        () => 'cut off',
      );
      await running;

      const signalledAt = Date.now();
      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      // Stopped part-way: cancelled, or its connection closed with the server.
      expect(await importing).not.toBe('finished');
    } finally {
      served.child.kill('SIGKILL');
    }
  });
});
