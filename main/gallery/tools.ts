/** Which view made each kind of output: the gallery's tool filter and facet group kinds by it. */
import type { GalleryTool, OutputKind } from '../../preload/contract';

/** Typed over every kind, so a new kind does not compile until it names its tool. */
export const toolOfKind: Readonly<Record<OutputKind, GalleryTool>> = {
  sample: 'explore',
  mix: 'explore',
  projection: 'explore',
  animation: 'explore',
  'interpolation-frame': 'explore',
  translation: 'translate',
  sketch: 'translate',
  style: 'style',
  preview: 'train',
  upload: 'upload',
};

export const galleryTools: readonly GalleryTool[] = ['explore', 'translate', 'style', 'train', 'upload'];

export function kindsOfTools(tools: readonly GalleryTool[]): OutputKind[] {
  return (Object.keys(toolOfKind) as OutputKind[]).filter((kind) => tools.includes(toolOfKind[kind]));
}
