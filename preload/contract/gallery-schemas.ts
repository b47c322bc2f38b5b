/** The gallery namespace's argument schemas: each field's message names what it must be. */
import { z } from 'zod';
import type { StudioApi } from '../contract';
import { id, jobId, type ArgumentSchemas } from './schema-parts';

const outputKinds = ['sample', 'mix', 'projection', 'animation', 'interpolation-frame', 'translation', 'style', 'sketch', 'upload', 'preview'] as const;
const tools = ['explore', 'translate', 'style', 'train', 'upload'] as const;
const architectures = ['fastgan', 'dcgan', 'pix2pix', 'cyclegan'] as const;

/** A selection in the grid can be the whole library. */
const maxOutputs = 100_000;

const stars = z.int({ error: 'must be a whole number of stars' }).min(0, 'must be from 0 to 5').max(5, 'must be from 0 to 5');
const time = z.int({ error: 'must be a time in Unix milliseconds' }).min(0, 'must be a time in Unix milliseconds');
const ids = (what: string) => z.array(id).min(1, `must name at least one ${what}`).max(maxOutputs, `must name at most ${maxOutputs.toLocaleString('en')} ${what}s`);
const outputIds = ids('output');
const someOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.array(z.enum(values, { error: `must be one of ${values.join(', ')}` })).max(values.length * 2, `lists too many ${what}`);

const nameOf = (what: string, maxLength: number) =>
  z
    .string({ error: `must be a ${what}` })
    .trim()
    .min(1, 'must not be empty')
    .max(maxLength, `is longer than ${maxLength} characters`)
    .refine((value) => !/[\u0000-\u001f]/.test(value), 'must not contain control characters');
const tagName = nameOf('tag name', 64);
const collectionName = nameOf('collection name', 100);
const tagNames = z.array(tagName).max(100, 'must name at most 100 tags');

const filters = z.strictObject({
  tools: someOf(tools, 'tools').optional(),
  kinds: someOf(outputKinds, 'kinds').optional(),
  architectures: someOf(architectures, 'architectures').optional(),
  runIds: z.array(id).max(1000, 'must name at most 1000 runs').optional(),
  checkpointIds: z.array(id).max(1000, 'must name at most 1000 checkpoints').optional(),
  datasetIds: z.array(id).max(1000, 'must name at most 1000 datasets').optional(),
  from: time.optional(),
  to: time.optional(),
  minRating: stars.optional(),
  rating: stars.optional(),
  favourite: z.boolean({ error: 'must be true or false' }).optional(),
  tags: tagNames.optional(),
  tagMatch: z.enum(['all', 'any'], { error: 'must be all or any' }).optional(),
  collectionId: id.optional(),
  search: z.string({ error: 'must be text' }).max(500, 'is longer than 500 characters').optional(),
  trashed: z.boolean({ error: 'must be true or false' }).optional(),
});
const sort = z.enum(['newest', 'oldest', 'rating', 'position'], { error: 'must be newest, oldest, rating or position' });

const outputRef = z.strictObject({ outputId: id });
const outputsRef = z.strictObject({ outputIds });
const collectionRef = z.strictObject({ collectionId: id });

/** The gallery namespace's argument schemas. */
export const gallerySchemas = {
  query: z.tuple([
    z.strictObject({
      filters: filters.optional(),
      sort: sort.optional(),
      offset: z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10,000,000').optional(),
      limit: z.int({ error: 'must be a whole number' }).min(1, 'must be from 1 to 500').max(500, 'must be from 1 to 500').optional(),
    }),
  ]),
  ids: z.tuple([z.strictObject({ filters: filters.optional(), sort: sort.optional() })]),
  facets: z.tuple([]),
  get: z.tuple([outputRef]),
  rate: z.tuple([z.strictObject({ outputIds, rating: stars })]),
  favourite: z.tuple([z.strictObject({ outputIds, favourite: z.boolean({ error: 'must be true or false' }) })]),
  tag: z.tuple([
    z
      .strictObject({ outputIds, add: tagNames.optional(), remove: tagNames.optional() })
      .refine((request) => (request.add?.length ?? 0) + (request.remove?.length ?? 0) > 0, { message: 'must name tags to add or to remove', path: ['add'] }),
  ]),
  note: z.tuple([z.strictObject({ outputId: id, notes: z.string({ error: 'must be text' }).max(10_000, 'is longer than 10,000 characters') })]),
  renameTag: z.tuple([z.strictObject({ name: tagName, to: tagName })]),
  deleteTag: z.tuple([z.strictObject({ name: tagName })]),
  trash: z.tuple([outputsRef]),
  restore: z.tuple([outputsRef]),
  emptyTrash: z.tuple([z.strictObject({ outputIds: outputIds.optional() })]),
  collections: z.tuple([]),
  createCollection: z.tuple([z.strictObject({ name: collectionName })]),
  renameCollection: z.tuple([z.strictObject({ collectionId: id, name: collectionName })]),
  deleteCollection: z.tuple([collectionRef]),
  addToCollection: z.tuple([z.strictObject({ collectionId: id, outputIds, before: id.optional() })]),
  removeFromCollection: z.tuple([z.strictObject({ collectionId: id, outputIds })]),
  moveInCollection: z.tuple([z.strictObject({ collectionId: id, outputIds, before: id.nullable() })]),
  lineage: z.tuple([z.strictObject({ outputId: id, depth: z.int({ error: 'must be a whole number' }).min(1, 'must be from 1 to 20').max(20, 'must be from 1 to 20').optional() })]),
  nearDuplicates: z.tuple([
    z.strictObject({
      outputId: id.optional(),
      threshold: z.number({ error: 'must be a number' }).min(0, 'must be from 0 to 0.5').max(0.5, 'must be from 0 to 0.5').optional(),
      includeTrashed: z.boolean({ error: 'must be true or false' }).optional(),
      jobId,
    }),
  ]),
} as const satisfies ArgumentSchemas<Pick<StudioApi, 'gallery'>>['gallery'];
