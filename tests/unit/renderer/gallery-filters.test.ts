import { describe, expect, it } from 'vitest';
import type { GalleryFacets } from '../../../preload/contract';
import { dayStart, filterChips, noFilters, rangeOf, requestFilters } from '../../../renderer/src/lib/gallery-filters';
import { provenanceFacts } from '../../../renderer/src/lib/provenance-facts';

const facets = {
  runs: [{ id: 3, name: 'Fashion · DCGAN 32 px', architecture: 'dcgan', count: 10 }],
  checkpoints: [{ id: 9, runId: 3, runName: 'Fashion · DCGAN 32 px', step: 1200, count: 4 }],
  datasets: [],
  collections: [{ id: 2, name: 'Keepers', count: 5 }],
} as unknown as GalleryFacets;

describe('gallery filters', () => {
  it('sends only what narrows the list, and a "to" day includes the whole day', () => {
    expect(requestFilters(noFilters)).toEqual({});
    const from = dayStart('2026-12-01')!;
    expect(
      requestFilters({ ...noFilters, tools: ['explore'], architectures: ['dcgan'], from: '2026-12-01', to: '2026-12-01', minRating: 3, favouritesOnly: true, tags: ['night'], collectionId: 2, search: '  sun ', trashed: true }),
    ).toEqual({ tools: ['explore'], architectures: ['dcgan'], from, to: from + 24 * 3600 * 1000, minRating: 3, favourite: true, tags: ['night'], collectionId: 2, search: 'sun', trashed: true });
    expect(dayStart('yesterday')).toBeNull();
  });

  it('names each active filter as a chip that removes only itself', () => {
    const draft = { ...noFilters, architectures: ['cyclegan'] as const, runIds: [3], checkpointIds: [9], minRating: 4, tags: ['night', 'sea'], collectionId: 2, search: 'dunes', from: '2026-12-01' };
    const chips = filterChips(draft, facets);
    expect(chips.map((chip) => chip.label)).toEqual(['CycleGAN', 'Run: Fashion · DCGAN 32 px', 'Fashion · DCGAN 32 px step 1,200', 'Since 2026-12-01', '★★★★ or more', '#night', '#sea', 'Collection: Keepers', '“dunes”']);
    const withoutNight = chips.find((chip) => chip.label === '#night')!.without;
    expect(withoutNight.tags).toEqual(['sea']);
    expect(withoutNight.runIds).toEqual([3]);
    expect(filterChips(noFilters, facets)).toEqual([]);
  });

  it('filters by FastGAN, naming it on its chip', () => {
    const draft = { ...noFilters, architectures: ['fastgan', 'dcgan'] as const };
    expect(requestFilters(draft)).toEqual({ architectures: ['fastgan', 'dcgan'] });
    expect(filterChips(draft, facets).map((chip) => chip.label)).toEqual(['FastGAN', 'DCGAN']);
    expect(filterChips(draft, facets)[0]!.without.architectures).toEqual(['dcgan']);
  });

  it('takes a shift-click range either way round', () => {
    const ids = [50, 40, 30, 20, 10];
    expect(rangeOf(ids, 1, 3)).toEqual([40, 30, 20]);
    expect(rangeOf(ids, 3, 1)).toEqual([40, 30, 20]);
  });

  it('lists how an output was made with the telling facts first, and cuts long values', () => {
    const facts = provenanceFacts({ latent: 'A'.repeat(500), seed: 7, tool: 'sample', truncation: 0.7, zeta: { a: 1 } });
    expect(facts.map(([key]) => key)).toEqual(['tool', 'seed', 'truncation', 'latent', 'zeta']);
    expect(facts[3]![1]).toHaveLength(118);
    expect(facts[4]![1]).toBe('{"a":1}');
  });
});
