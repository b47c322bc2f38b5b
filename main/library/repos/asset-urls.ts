/** The URLs the renderer loads images from; the same in Electron (studio://app) and serve mode. */
export const blobUrl = (hash: string): string => `/asset/blob/${hash}`;
export const thumbnailUrl = (hash: string): string => `/asset/thumb/${hash}`;
