import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GalleryCollection, GalleryDetail, GalleryFacets, GalleryPage, Lineage } from '../../../../preload/contract';
import { chooseGenerator } from '../../../../main/latent/models';
import { resolveSource } from '../../../../main/latent/sources';
import { loadSource } from '../../../../main/translate/source';
import { toolOutputs, type ToolOutputs } from './tool-outputs';

/** The gallery namespace through the dispatcher, over outputs stored by Explore's and Translate's own code. */
describe('gallery service', () => {
  let studio: ToolOutputs;
  beforeAll(async () => {
    studio = await toolOutputs();
  });
  afterAll(() => studio.studio.close());

  it('lists what the tools stored, by tool and model', async () => {
    const { call, samples, mix, translation } = studio;
    const all = await call<GalleryPage>('gallery.query', {});
    expect(all.total).toBe(5);
    const explore = await call<GalleryPage>('gallery.query', { filters: { tools: ['explore'] }, sort: 'oldest' });
    expect(explore.items.map((item) => item.id)).toEqual([samples[0]!.outputId, samples[1]!.outputId, mix.outputId]);
    const pix2pix = await call<GalleryPage>('gallery.query', { filters: { architectures: ['pix2pix'] } });
    expect(pix2pix.items.map((item) => [item.id, item.tool, item.kind])).toEqual([[translation.outputId, 'translate', 'translation']]);
    const uploads = await call<GalleryPage>('gallery.query', { filters: { tools: ['upload'] } });
    expect(uploads.items.map((item) => item.id)).toEqual([translation.sourceOutputId]);
    const facets = await call<GalleryFacets>('gallery.facets');
    expect(facets.tools).toEqual([
      { tool: 'explore', count: 3 },
      { tool: 'translate', count: 1 },
      { tool: 'upload', count: 1 },
    ]);
    expect(facets.runs.map((run) => [run.name, run.architecture, run.count])).toEqual([
      ['Stripes · pix2pix', 'pix2pix', 1],
      ['Stripes · DCGAN', 'dcgan', 3],
    ]);
    expect(facets.datasets).toEqual([{ id: expect.any(Number), name: 'Stripes', count: 4 }]);
  });

  it('opens a sample with its provenance and a latent Explore can draw again', async () => {
    const { call, samples, generator, studio: { project } } = studio;
    const detail = await call<GalleryDetail>('gallery.get', { outputId: samples[0]!.outputId });
    expect(detail).toMatchObject({
      kind: 'sample',
      tool: 'explore',
      provenance: { tool: 'sample', checkpointId: generator.checkpointId, truncation: 0.8, latent: { seed: 11, class: null } },
      run: { id: generator.runId, name: 'Stripes · DCGAN', architecture: 'dcgan' },
      checkpoint: { id: generator.checkpointId, step: 100 },
      dataset: { name: 'Stripes' },
      children: [{ id: studio.mix.outputId, role: 'a', kind: 'mix' }],
    });
    expect(detail.reuse).toEqual({
      latent: { source: { kind: 'output', outputId: samples[0]!.outputId }, checkpointId: generator.checkpointId, truncation: 0.8, ema: true },
      translateSource: { outputId: samples[0]!.outputId },
      translateSettings: null,
      train: { runId: generator.runId, checkpointId: generator.checkpointId },
    });
    // The hint is a source Explore's own resolver takes, and it gives back the sample's latent.
    const library = project.library;
    const resolved = resolveSource(library, chooseGenerator(library, detail.reuse.latent!.checkpointId!), detail.reuse.latent!.source, 'source');
    expect(resolved).toMatchObject({ record: { seed: 11, class: null }, outputId: samples[0]!.outputId });
  });

  it('opens a translation with its source as parent and the settings to make another', async () => {
    const { call, translation, translator, studio: { project } } = studio;
    const detail = await call<GalleryDetail>('gallery.get', { outputId: translation.outputId });
    expect(detail.parents).toEqual([{ id: translation.sourceOutputId, kind: 'upload', role: 'source', thumbUrl: expect.stringMatching(/^\/asset\/thumb\//), trashed: false }]);
    expect(detail.reuse).toEqual({
      latent: null,
      translateSource: { outputId: translation.outputId },
      translateSettings: { checkpointId: translator.checkpointId, direction: 'AtoB', strength: 0.75 },
      train: { runId: translator.runId, checkpointId: translator.checkpointId },
    });
    const source = await call<GalleryDetail>('gallery.get', { outputId: translation.sourceOutputId });
    expect(source.reuse).toEqual({ latent: null, translateSource: { outputId: translation.sourceOutputId }, translateSettings: null, train: null });
    expect((await loadSource(project.library, source.reuse.translateSource!)).image.width).toBe(32);
    const lineage = await call<Lineage>('gallery.lineage', { outputId: translation.sourceOutputId });
    expect(lineage.edges).toEqual([{ parentId: translation.sourceOutputId, childId: translation.outputId, role: 'source' }]);
  });

  it('curates and arranges boards through the API', async () => {
    const { call, samples, mix } = studio;
    const ids = [samples[0]!.outputId, samples[1]!.outputId, mix.outputId];
    expect(await call('gallery.rate', { outputIds: ids, rating: 5 })).toEqual({ changed: 3 });
    expect(await call('gallery.tag', { outputIds: ids.slice(1), add: ['stripes'] })).toEqual({ changed: 2 });
    expect(await call('gallery.note', { outputId: ids[0], notes: 'the clean one' })).toEqual({ changed: 1 });
    expect((await call<GalleryPage>('gallery.query', { filters: { search: 'clean' } })).items.map((item) => item.id)).toEqual([ids[0]]);
    const board = await call<GalleryCollection>('gallery.createCollection', { name: 'Picks' });
    await call('gallery.addToCollection', { collectionId: board.id, outputIds: ids });
    await call('gallery.moveInCollection', { collectionId: board.id, outputIds: [ids[2]], before: ids[0] });
    expect(await call('gallery.ids', { filters: { collectionId: board.id } })).toEqual([ids[2], ids[0], ids[1]]);
    expect(await call<GalleryCollection[]>('gallery.collections')).toEqual([{ ...board, count: 3, coverUrl: expect.stringMatching(/^\/asset\/thumb\//) }]);
  });

  it('refuses bad arguments, naming the field', async () => {
    const { failure, samples } = studio;
    const outputId = samples[0]!.outputId;
    expect(await failure('gallery.rate', { outputIds: [outputId], rating: 7 })).toEqual({ code: 'INVALID_ARGUMENT', message: 'gallery.rate: rating: must be from 0 to 5' });
    expect(await failure('gallery.rate', { outputIds: [], rating: 1 })).toEqual({ code: 'INVALID_ARGUMENT', message: 'gallery.rate: outputIds: must name at least one output' });
    expect(await failure('gallery.query', { limit: 501 })).toEqual({ code: 'INVALID_ARGUMENT', message: 'gallery.query: limit: must be from 1 to 500' });
    expect(await failure('gallery.query', { filters: { tools: ['paint'] } })).toMatchObject({ message: 'gallery.query: filters.tools.0: must be one of explore, translate, style, train, upload' });
    expect(await failure('gallery.query', { filters: { colour: 'red' } })).toMatchObject({ message: 'gallery.query: filters: unexpected field "colour"' });
    expect(await failure('gallery.tag', { outputIds: [outputId] })).toMatchObject({ message: 'gallery.tag: add: must name tags to add or to remove' });
    expect(await failure('gallery.tag', { outputIds: [outputId], add: [' '] })).toMatchObject({ message: 'gallery.tag: add.0: must not be empty' });
    expect(await failure('gallery.get', { outputId: 4040 })).toEqual({ code: 'NOT_FOUND', message: 'outputId: no output 4040 in this project' });
    expect(await failure('gallery.createCollection', { name: 'picks' })).toEqual({ code: 'ALREADY_EXISTS', message: 'name: there is already a collection called "Picks"' });
    expect(await failure('gallery.nearDuplicates', { threshold: 2 })).toMatchObject({ message: 'gallery.nearDuplicates: threshold: must be from 0 to 0.5' });
    expect(await failure('gallery.lineage', { outputId, depth: 0 })).toMatchObject({ message: 'gallery.lineage: depth: must be from 1 to 20' });
  });
});
