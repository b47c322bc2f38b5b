import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../preload/bridge';
import { methodNames } from '../../../preload/contract';

describe('bridge builder', () => {
  it('has one function per contract method, each invoking its own method name', async () => {
    const calls: [string, unknown[]][] = [];
    const { bridge } = createBridge(async (method, args) => {
      calls.push([method, args]);
      return { ok: true, value: method };
    });
    expect(methodNames).toEqual(expect.arrayContaining(['system.info', 'system.doctor', 'library.open', 'library.create', 'datasets.import']));
    await bridge.library.open({ path: '/p' });
    await bridge.system.info();
    expect(calls).toEqual([
      ['library.open', [{ path: '/p' }]],
      ['system.info', []],
    ]);
  });

  it('delivers pushed events to subscribers until they unsubscribe, ignoring unknown events', () => {
    const { bridge, deliver } = createBridge(async () => ({ ok: true, value: null }));
    const seen: string[] = [];
    const unsubscribe = bridge.onProjectChanged((project) => seen.push(project.name));
    deliver('projectChanged', { name: 'A', path: '/a' });
    deliver('somethingElse', { name: 'B' });
    unsubscribe();
    deliver('projectChanged', { name: 'C', path: '/c' });
    expect(seen).toEqual(['A']);
  });
});
