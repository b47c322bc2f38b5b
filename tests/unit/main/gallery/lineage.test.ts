import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trash } from '../../../../main/gallery/curation';
import { galleryDetail } from '../../../../main/gallery/detail';
import { lineageOf } from '../../../../main/gallery/lineage';
import { smallProject, type SmallProject } from './small-project';

/**
 *   a   b        a, b: samples; mix: bred from both; frame: keyframes mix and c;
 *    \ /         styled: translated from frame; c has no parents.
 *    mix   c
 *      \  /
 *      frame
 *        |
 *      styled
 */
describe('gallery lineage', () => {
  let project: SmallProject;
  const family: Record<string, number> = {};
  beforeAll(async () => {
    project = smallProject();
    family['a'] = await project.store(10);
    family['b'] = await project.store(20);
    family['c'] = await project.store(30);
    family['mix'] = await project.store(40, { kind: 'mix', parents: [{ outputId: family['a']!, role: 'a' }, { outputId: family['b']!, role: 'b' }] });
    family['frame'] = await project.store(50, { kind: 'animation', parents: [{ outputId: family['mix']!, role: 'keyframe' }, { outputId: family['c']!, role: 'keyframe' }] });
    family['styled'] = await project.store(60, { kind: 'style', parents: [{ outputId: family['frame']!, role: 'source' }] });
  });
  afterAll(() => project.close());
  const db = () => project.library.db;
  const name = (id: number) => Object.keys(family).find((key) => family[key] === id);

  it('follows parents and children both ways, by generation', () => {
    const lineage = lineageOf(db(), family['mix']!);
    expect(lineage.nodes.map((node) => [name(node.id), node.generation])).toEqual([
      ['a', -1],
      ['b', -1],
      ['mix', 0],
      ['frame', 1],
      ['styled', 2],
    ]);
    expect(lineage.edges.map((edge) => `${name(edge.parentId)}→${name(edge.childId)} (${edge.role})`).sort()).toEqual([
      'a→mix (a)',
      'b→mix (b)',
      'frame→styled (source)',
      'mix→frame (keyframe)',
    ]);
    expect(lineage.truncated).toBe(false);
    expect(lineage.nodes[0]).toMatchObject({ kind: 'sample', thumbUrl: expect.stringMatching(/^\/asset\/thumb\//), trashed: false });
  });

  it('stops at the depth asked for', () => {
    const near = lineageOf(db(), family['styled']!, 1);
    expect(near.nodes.map((node) => name(node.id))).toEqual(['frame', 'styled']);
    const far = lineageOf(db(), family['styled']!, 3);
    expect(far.nodes.map((node) => [name(node.id), node.generation])).toEqual([
      ['a', -3],
      ['b', -3],
      ['c', -2],
      ['mix', -2],
      ['frame', -1],
      ['styled', 0],
    ]);
    expect(() => lineageOf(db(), 9999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'outputId: no output 9999 in this project' }));
  });

  it('shows parents and children in the detail, trashed ones marked', () => {
    trash(db(), [family['a']!]);
    const detail = galleryDetail(db(), family['mix']!);
    expect(detail.parents.map((parent) => [name(parent.id), parent.role, parent.trashed])).toEqual([
      ['a', 'a', true],
      ['b', 'b', false],
    ]);
    expect(detail.children.map((child) => [name(child.id), child.role, child.kind])).toEqual([['frame', 'keyframe', 'animation']]);
    expect(lineageOf(db(), family['b']!).nodes.find((node) => node.id === family['a'])).toBeUndefined();
    expect(lineageOf(db(), family['frame']!).nodes.find((node) => node.id === family['a'])).toMatchObject({ trashed: true, generation: -2 });
  });
});
