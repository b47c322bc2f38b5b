import { describe, expect, it } from 'vitest';
import { workingSizeOf } from '../../../../main/translate/working-size';

const unet256 = { resolution: 256, sizeMultiple: 256 };
const resnet256 = { resolution: 256, sizeMultiple: 4 };

describe('the working size', () => {
  it('fits a drawing or small image to the model’s square, and tiles one over 1.5 times its size', () => {
    expect(workingSizeOf({ width: 300, height: 200 }, unet256, {})).toMatchObject({ mode: 'fit', width: 256, height: 256 });
    expect(workingSizeOf({ width: 2048, height: 1536 }, unet256, {})).toMatchObject({ mode: 'tile', width: 2048, height: 1536, overlap: 64 });
    expect(workingSizeOf({ width: 2048, height: 1536 }, unet256, { tiling: 'fit' }).mode).toBe('fit');
    expect(workingSizeOf({ width: 300, height: 200 }, unet256, { tiling: 'tile' })).toMatchObject({ mode: 'tile', width: 300, height: 200 });
  });

  it('tiles at a chosen length of the longer side, and at most 4096 unless asked', () => {
    expect(workingSizeOf({ width: 2048, height: 1536 }, unet256, { tiling: 'tile', workingSize: 1024 })).toMatchObject({ width: 1024, height: 768 });
    expect(workingSizeOf({ width: 8000, height: 6000 }, unet256, {})).toMatchObject({ width: 4096, height: 3072 });
  });

  it('takes tile statistics from the image itself when it goes through whole, else from a smaller copy the network takes whole', () => {
    expect(workingSizeOf({ width: 512, height: 512 }, unet256, { tiling: 'tile' }).statistics).toEqual({ width: 512, height: 512 });
    expect(workingSizeOf({ width: 2048, height: 1536 }, unet256, {}).statistics).toEqual({ width: 512, height: 512 });
    const resnet = workingSizeOf({ width: 2048, height: 1536 }, resnet256, {}).statistics!;
    expect(resnet.width % 4).toBe(0);
    expect(resnet.height % 4).toBe(0);
    expect(resnet.width / resnet.height).toBeCloseTo(4 / 3, 1);
    expect(resnet.width * resnet.height).toBeLessThanOrEqual(4 * 256 * 256 + 4 * resnet.width);
  });

  it('keeps the overlap below the tile size', () => {
    expect(workingSizeOf({ width: 2000, height: 2000 }, { resolution: 64, sizeMultiple: 4 }, { overlap: 300 }).overlap).toBe(63);
  });
});
