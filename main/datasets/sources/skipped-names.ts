/**
 * Names an import passes over without a word: hidden files and the
 * bookkeeping operating systems leave beside pictures. Reporting each
 * .DS_Store as "not an image" would bury the problems that matter.
 */
const operatingSystemJunk = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx']);

export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || operatingSystemJunk.has(name.toLowerCase());
}
