import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../../preload/contract';
import { appPaths } from '../../../../main/paths';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');
const home = mkdtempSync(join(tmpdir(), 'studio-cli-home-'));
const env = { ...process.env, XDG_CONFIG_HOME: home };

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('latent-studio CLI (built by npm run build)', () => {
  it('doctor --json prints the structured report', () => {
    const { code, stdout } = run('doctor', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.runtime.node).toBe(process.versions.node);
    expect(report.cpu.logicalCores).toBeGreaterThan(0);
    expect(report.backends.active).toBe(report.backends.probes.find((p) => p.loaded)?.name);
    expect(report.backends.probes).toHaveLength(4);
  });

  it('doctor prints a readable report naming the active backend', () => {
    const { code, stdout } = run('doctor');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Backends +TensorFlow\.js [\d.]+; computing on (wasm|tensorflow|tensorflow-gpu|cpu)/);
    expect(stdout).toContain('● ');
  });

  it('refuses an unknown command or option with exit code 2 and the usage', () => {
    const unknown = run('paint');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "paint"');
    expect(unknown.stderr).toContain('Usage: latent-studio');
    const badOption = run('doctor', '--colour');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--colour');
    const badPort = run('serve', '--port', 'eighty', '--json');
    expect(badPort.code).toBe(2);
    expect(JSON.parse(badPort.stdout)).toEqual({ ok: false, error: { code: 'USAGE', message: expect.stringContaining('--port') } });
  });

  it('fails with exit code 1 and the reason when the project is not one', () => {
    const folder = join(home, 'holiday-photos');
    mkdirSync(folder);
    writeFileSync(join(folder, 'beach.jpg'), 'not really');
    const { code, stderr } = run('serve', '--project', folder, '--port', '0');
    expect(code).toBe(1);
    expect(stderr).toContain(`${folder} is not a Latent Studio project`);
  });

  it('serve --json prints a token URL that answers, creates the default project, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const [line] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
    const started = JSON.parse(line!) as { url: string; token: string; project: { path: string } };
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(started.project.path).toBe(join(home, 'Latent Studio', 'Default Project'));
    const info = await fetch(new URL('/api/system.info', started.url), { method: 'POST', headers: { authorization: `Bearer ${started.token}` }, body: '[]' });
    expect(await info.json()).toMatchObject({ ok: true, value: { mode: 'serve', project: { name: 'Default Project' } } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
