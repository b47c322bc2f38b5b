import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { EngineHost } from '../../../../main/engine/host';
import type { EngineChannel, EngineReply, EngineRequest } from '../../../../main/engine/protocol';

/** A channel the test drives by hand, to reach orderings a real process makes rare. */
function scriptedChannel() {
  const sent: EngineRequest[] = [];
  let receive: (reply: EngineReply) => void = () => {};
  let exit: (reason: string) => void = () => {};
  let killed = false;
  const channel: EngineChannel = {
    send: (request) => void sent.push(request),
    onMessage: (listener) => (receive = listener),
    onExit: (listener) => (exit = listener),
    kill: () => (killed = true),
  };
  return { channel, sent, reply: (r: EngineReply) => receive(r), exit: (reason: string) => exit(reason), killed: () => killed };
}

describe('engine host', () => {
  it('settles each request exactly once, routing progress by seq', async () => {
    const engine = scriptedChannel();
    const host = new EngineHost(() => engine.channel);
    const progress: string[] = [];
    const first = host.request('probeBackends', { force: null }, (p) => progress.push(p.message));
    const second = host.request('probeBackends', { force: null });
    const [a, b] = engine.sent;
    expect(a!.seq).not.toBe(b!.seq);
    engine.reply({ kind: 'progress', seq: a!.seq, progress: { completed: 1, total: 4, message: 'Trying wasm' } });
    engine.reply({ kind: 'settled', seq: b!.seq, ok: false, error: 'no backends' });
    engine.reply({ kind: 'settled', seq: a!.seq, ok: true, value: { active: 'wasm' } });
    engine.reply({ kind: 'settled', seq: a!.seq, ok: false, error: 'a duplicate reply' });
    await expect(first).resolves.toEqual({ active: 'wasm' });
    await expect(second).rejects.toThrow('no backends');
    expect(progress).toEqual(['Trying wasm']);
  });

  it('fails every request in flight when the engine dies, and starts a fresh engine next time', async () => {
    const engines = [scriptedChannel(), scriptedChannel()];
    let spawned = 0;
    const host = new EngineHost(() => engines[spawned++]!.channel);
    const pending = host.request('probeBackends', { force: null });
    engines[0]!.exit('killed by SIGKILL');
    await expect(pending).rejects.toThrow('The engine process stopped: killed by SIGKILL');
    // A late reply from the dead engine must not settle anything twice.
    engines[0]!.reply({ kind: 'settled', seq: engines[0]!.sent[0]!.seq, ok: true, value: null });
    const next = host.request('probeBackends', { force: null });
    expect(spawned).toBe(2);
    engines[1]!.reply({ kind: 'settled', seq: engines[1]!.sent[0]!.seq, ok: true, value: 'fresh' });
    await expect(next).resolves.toBe('fresh');
  });

  it('cancel() asks the engine to stop that request, by its seq, only while it runs', async () => {
    const engine = scriptedChannel();
    const host = new EngineHost(() => engine.channel);
    const task = host.start('probeBackends', { force: null });
    task.cancel();
    const [probe, cancel] = engine.sent;
    expect(cancel).toMatchObject({ type: 'cancel', params: { seq: probe!.seq } });
    engine.reply({ kind: 'settled', seq: cancel!.seq, ok: true, value: true });
    engine.reply({ kind: 'settled', seq: probe!.seq, ok: true, value: { active: 'wasm' } });
    await task.result;
    task.cancel(); // settled: nothing more is sent
    expect(engine.sent).toHaveLength(2);
  });

  it('stop() kills the engine and fails what was in flight', async () => {
    const engine = scriptedChannel();
    const host = new EngineHost(() => engine.channel);
    const pending = host.request('probeBackends', { force: null });
    host.stop('the app is quitting');
    await expect(pending).rejects.toThrow('the app is quitting');
    expect(engine.killed()).toBe(true);
  });
});

describe('engine process (built by npm run build)', () => {
  const entry = join(import.meta.dirname, '../../../../dist/engine/index.js');

  it('probes the backends in a real child process and computes on the first that loads', async () => {
    const host = new EngineHost(forkEngine(entry));
    const steps: string[] = [];
    try {
      const report: BackendReport = await host.request('probeBackends', { force: null }, (p) => steps.push(p.message));
      expect(report.probes.map((p) => p.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
      const firstLoaded = report.probes.find((p) => p.loaded);
      expect(report.active).toBe(firstLoaded?.name);
      expect(report.probes.find((p) => p.name === 'cpu')).toMatchObject({ loaded: true });
      for (const failed of report.probes.filter((p) => !p.loaded)) {
        expect(failed.detail).toMatch(/not installed|failed to load|not needed/);
        if (!failed.detail.startsWith('not needed')) expect(failed.hint).toBeTruthy();
      }
      expect(steps).toContain('Trying @tensorflow/tfjs-backend-wasm');
    } finally {
      host.stop();
    }
  });

  it('turns a crash of the engine process into a failed request', async () => {
    const host = new EngineHost(forkEngine(join(import.meta.dirname, '../../../fixtures/crashing-engine.js')));
    await expect(host.request('probeBackends', { force: null })).rejects.toThrow(/The engine process stopped: (exited with code 3|killed)/);
  });
});
