import { describe, expect, it } from 'vitest';
import { isFirstLaunch, rememberTourOutcome, tourMemoryKey, type TourStore } from '../../../renderer/src/lib/tour-memory';

function mapStore(entries: Record<string, string> = {}): TourStore & { entries: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return { entries: map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

describe('remembering the tour', () => {
  it('counts as a first launch until the tour has ended once', () => {
    const store = mapStore();
    expect(isFirstLaunch(store)).toBe(true);
    rememberTourOutcome(store, 'finished');
    expect(isFirstLaunch(store)).toBe(false);
  });

  it('remembers a skipped tour as well as a finished one, under its own namespaced key', () => {
    const store = mapStore({ 'other.key': 'x' });
    rememberTourOutcome(store, 'skipped');
    expect(isFirstLaunch(store)).toBe(false);
    expect(store.entries.get(tourMemoryKey)).toBe('skipped');
    expect(tourMemoryKey).toMatch(/^latent-studio\./);
    expect(store.entries.get('other.key')).toBe('x');
  });

  it('treats a value it did not write as not seen, so the tour shows', () => {
    expect(isFirstLaunch(mapStore({ [tourMemoryKey]: 'garbled' }))).toBe(true);
  });
});
