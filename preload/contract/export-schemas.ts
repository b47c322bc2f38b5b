import { z } from 'zod';
import type { StudioApi } from '../contract';
import { id, jobId, serverPath, type ArgumentSchemas } from './schema-parts';

const selection = z.union(
  [
    z.strictObject({ outputIds: z.array(id).min(1, 'must name at least one output').max(100_000, 'must name at most 100,000 outputs') }),
    z.strictObject({ collectionId: id }),
  ],
  { error: 'must be { outputIds } or { collectionId }' },
);
const format = z.enum(['png', 'jpeg', 'webp', 'avif', 'tiff'], { error: 'must be png, jpeg, webp, avif or tiff' });
const quality = z.int({ error: 'must be a whole number' }).min(1, 'must be from 1 to 100').max(100, 'must be from 1 to 100').optional();
const pixels = z.int({ error: 'must be a whole number of pixels' }).min(1, 'must be at least 1 pixel').max(16_384, 'must be at most 16,384 pixels');
const size = z.union(
  [
    z.enum(['original', 'long-512', 'long-1024', 'long-2048', 'long-4096', 'instagram-square', 'instagram-portrait', 'instagram-story']),
    z.strictObject({
      width: pixels,
      height: pixels.optional(),
      fit: z.enum(['inside', 'cover', 'contain', 'fill'], { error: 'must be inside, cover, contain or fill' }).optional(),
    }),
  ],
  { error: 'must be original, a preset (long-512 … long-4096, instagram-square, instagram-portrait, instagram-story) or { width, height?, fit? }' },
);
const template = z
  .string({ error: 'must be a text template like "{collection}-{seed}-{index}"' })
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'is longer than 300 characters')
  .optional();
const conflict = z.enum(['ask', 'overwrite', 'keep-both', 'skip'], { error: 'must be ask, overwrite, keep-both or skip' }).optional();
const sheetConflict = z.enum(['ask', 'overwrite', 'keep-both'], { error: 'must be ask, overwrite or keep-both' }).optional();
const destination = z.union([z.strictObject({ folder: serverPath }), z.strictObject({ zip: serverPath.refine((path) => /\.zip$/i.test(path), 'must end in .zip') })], {
  error: 'must be { folder } or { zip }',
});
const columns = z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(256, 'must be at most 256').optional();
const cellSize = z.int({ error: 'must be a whole number of pixels' }).min(8, 'must be at least 8 pixels').max(4096, 'must be at most 4096 pixels').optional();

const imagesRequest = z.strictObject({ selection, format, quality, size: size.optional(), template, destination, conflict, jobId });

/** Base64 of at most about 700 KB of image: well inside serve mode's 1 MiB request limit. */
const imageBase64 = z
  .string({ error: 'must be image bytes in base64' })
  .min(8, 'must be image bytes in base64')
  .max(960_000, 'is larger than 700 KB of image; pass a file path instead')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (A–Z, a–z, 0–9, +, /)');

/** The export namespace's argument schemas. */
export const exportSchemas = {
  options: z.tuple([]),
  plan: z.tuple([imagesRequest]),
  images: z.tuple([imagesRequest]),
  contactSheet: z.tuple([
    z.strictObject({
      selection,
      columns,
      cellSize,
      captions: z.string().trim().min(1, 'must not be empty (use null for no captions)').max(300, 'is longer than 300 characters').nullable().optional(),
      format,
      quality,
      path: serverPath,
      conflict: sheetConflict,
      jobId,
    }),
  ]),
  spriteSheet: z.tuple([
    z.strictObject({
      selection,
      columns,
      cellSize,
      padding: z.int({ error: 'must be a whole number of pixels' }).min(0, 'must be 0 or more').max(256, 'must be at most 256 pixels').optional(),
      template,
      format: z.enum(['png', 'webp'], { error: 'must be png or webp' }),
      path: serverPath,
      conflict: sheetConflict,
      jobId,
    }),
  ]),
  recall: z.tuple([
    z.union([z.strictObject({ path: serverPath, keep: z.boolean().optional() }), z.strictObject({ png: imageBase64, keep: z.boolean().optional() })], {
      error: 'must be { path } or { png }',
    }),
  ]),
  history: z.tuple([]),
} as const satisfies ArgumentSchemas<Pick<StudioApi, 'export'>>['export'];
