import { describe, expect, it } from 'vitest';
import { FrameRate, latestFrameLoop } from '../../../renderer/src/lib/latest-frame';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latestFrameLoop', () => {
  it('keeps one frame in flight and sends the newest drawing after it, dropping those drawn meanwhile', async () => {
    let drawing = 'stroke 1';
    const answers: string[] = [];
    const sent: string[] = [];
    const pending: { resolve: (value: string) => void }[] = [];
    const loop = latestFrameLoop<string, string>({
      read: async () => drawing,
      send: (frame) => {
        sent.push(frame);
        const answer = deferred<string>();
        pending.push(answer);
        return answer.promise;
      },
      onAnswer: (answer) => answers.push(answer),
      onError: (error) => {
        throw error;
      },
    });
    loop.changed();
    await settle();
    expect(sent).toEqual(['stroke 1']);
    for (const stroke of ['stroke 2', 'stroke 3', 'stroke 4']) {
      drawing = stroke;
      loop.changed();
    }
    await settle();
    expect(sent).toEqual(['stroke 1']); // nothing queued while one is in flight
    pending[0]!.resolve('translated 1');
    await settle();
    expect(sent).toEqual(['stroke 1', 'stroke 4']); // 2 and 3 were dropped
    pending[1]!.resolve('translated 4');
    await settle();
    expect(answers).toEqual(['translated 1', 'translated 4']);
    expect(loop.inFlight).toBe(false);
  });

  it('waits out the least interval between sends, skips blank drawings, and reports failures without stopping', async () => {
    let clock = 0;
    const waits: number[] = [];
    let drawing: string | null = 'a';
    const sent: string[] = [];
    const errors: string[] = [];
    const loop = latestFrameLoop<string, string>({
      read: async () => drawing,
      send: async (frame) => {
        sent.push(frame);
        clock += 10;
        if (frame === 'bad') throw new Error('engine busy');
        return frame;
      },
      onAnswer: () => {},
      onError: (error) => errors.push(error.message),
      minIntervalMs: 100,
      now: () => clock,
      wait: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    loop.changed();
    await settle();
    drawing = 'bad';
    loop.changed();
    await settle();
    expect(waits).toEqual([90]);
    drawing = null;
    loop.changed();
    await settle();
    drawing = 'c';
    loop.changed();
    await settle();
    expect(sent).toEqual(['a', 'bad', 'c']);
    expect(errors).toEqual(['engine busy']);
  });

  it('drops an answer that arrives after stop', async () => {
    const answer = deferred<string>();
    const answers: string[] = [];
    const loop = latestFrameLoop<string, string>({ read: async () => 'x', send: () => answer.promise, onAnswer: (value) => answers.push(value), onError: () => {} });
    loop.changed();
    await settle();
    loop.stop();
    answer.resolve('late');
    await settle();
    loop.changed();
    await settle();
    expect(answers).toEqual([]);
  });
});

describe('FrameRate', () => {
  it('counts frames over its window and starts afresh after a pause', () => {
    const rate = new FrameRate(1000);
    expect(rate.record(0)).toBeNull();
    expect(rate.record(100)).toBeCloseTo(10);
    for (let at = 200; at <= 1000; at += 100) rate.record(at);
    expect(rate.rate).toBeCloseTo(10);
    // Five seconds without drawing: the old frames say nothing about the next ones.
    expect(rate.record(6000)).toBeNull();
    expect(rate.record(6050)).toBeCloseTo(20);
  });
});
