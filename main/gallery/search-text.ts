/**
 * What a person types in the search box, as an FTS5 query over tags and
 * notes: every word must match, each as a prefix, so results narrow as they
 * type ("sun" already finds "sunset"). Words are split the way the index's
 * unicode61 tokenizer splits text (letters and digits), which also keeps
 * FTS5's own syntax (quotes, NEAR, column filters) out of the query.
 */
export function ftsQueryOf(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
