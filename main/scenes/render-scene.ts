/** A scene drawn as one of its three views, rasterised offline by sharp (librsvg). */
import sharp from 'sharp';
import { renderPaintedSvg } from './render-painted';
import { renderSketchSvg } from './render-sketch';
import type { Scene, SceneSize } from './scene';

export const sceneViews = ['day', 'night', 'sketch'] as const;
export type SceneView = (typeof sceneViews)[number];

export function sceneSvg(scene: Scene, size: SceneSize, view: SceneView): string {
  return view === 'sketch' ? renderSketchSvg(scene, size) : renderPaintedSvg(scene, size, view);
}

/** An RGB PNG of exactly `size`, the same bytes for the same scene every time. */
export async function renderScenePng(scene: Scene, size: SceneSize, view: SceneView): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(scene, size, view))).flatten({ background: '#ffffff' }).png().toBuffer();
}
