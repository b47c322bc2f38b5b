/**
 * Windows of the gallery's list by index, as the virtualised grid asks for
 * them. A window is found in two steps: the ids at [offset, offset + limit)
 * from an index alone (skipping 90,000 index entries is quick, reading and
 * joining 90,000 rows is not), then the columns for just those ids. The
 * list's length is a count over the same index, remembered until the library
 * changes, so scrolling costs only the window.
 */
import type { Database } from 'better-sqlite3';
import type { GalleryIdsRequest, GalleryPage, GalleryQueryRequest } from '../../preload/contract';
import { planQuery, type QueryPlan } from './filters';
import { itemsByIds } from './items';
import { cachedStatement, VersionedCache } from './statements';

const defaultLimit = 100;
const totals = new VersionedCache<number>(64);

export function queryGallery(db: Database, request: GalleryQueryRequest): GalleryPage {
  const plan = planQuery(db, request.filters, request.sort);
  const offset = request.offset ?? 0;
  const limit = request.limit ?? defaultLimit;
  // One read transaction: the length and the window come from the same state of the library.
  return db.transaction((): GalleryPage => {
    const total = totalOf(db, plan);
    const ids = offset >= total ? [] : idsOf(db, plan, limit, offset);
    return { total, offset, items: itemsByIds(db, ids) };
  })();
}

/** Every id of the list, in order. */
export function galleryIds(db: Database, request: GalleryIdsRequest): number[] {
  return idsOf(db, planQuery(db, request.filters, request.sort), -1, 0);
}

export function totalOf(db: Database, plan: QueryPlan): number {
  return totals.get(db, plan.key, () => cachedStatement(db, `SELECT count(*) FROM ${plan.from} WHERE ${plan.where}`).pluck().get(plan.params) as number);
}

/** `limit` -1: all of them. */
function idsOf(db: Database, plan: QueryPlan, limit: number, offset: number): number[] {
  return cachedStatement(db, `SELECT o.id FROM ${plan.from} WHERE ${plan.where} ORDER BY ${plan.orderBy} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...plan.params, limit, offset }) as number[];
}
