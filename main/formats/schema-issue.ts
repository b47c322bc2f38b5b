/** A file's contents that failed a zod schema, in words: the first field at fault, as a path, and what it must be. */
import type { z } from 'zod';

/** "config.width must be at most 256"; "networks[0].modelFile must be a file name"; 'fileSha256["../x"] must name a file inside the bundle'. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(String(part)) ? `.${String(part)}` : `[${JSON.stringify(String(part))}]`))
    .join('')
    .replace(/^\./, '');
  // zod says only "Invalid key in record" of a record's key; the key's own schema says what is wrong with it.
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return `${field || 'the file'} ${message}`;
}
