/**
 * The provenance an exported file carries, so that it can be recalled from
 * the file alone: an XMP packet in Latent Studio's own namespace holding the
 * record as JSON (with dc:description and xmp:CreatorTool for other apps),
 * and the same JSON in EXIF ImageDescription where the format holds EXIF.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { toolOf } from './template';
import type { ExportItem } from './selection';

export const appName = 'Latent Studio';
export const xmpNamespace = 'https://latent.studio/ns/1.0/';
export const creatorTool = `${appName} ${packageJson.version}`;

/** What one exported image says about itself. */
export interface ImageRecord {
  readonly app: typeof appName;
  readonly version: string;
  readonly outputId: number;
  readonly blobHash: string;
  readonly kind: string;
  readonly createdAt: number;
  /** The output's provenance exactly as the library holds it: checkpoint hash, seed or latent, truncation, tool, source. */
  readonly provenance: Record<string, unknown>;
}

/** What a contact sheet or sprite sheet says: the images in it, in order. */
export interface SheetRecord {
  readonly app: typeof appName;
  readonly version: string;
  readonly sheet: 'contact-sheet' | 'sprite-sheet';
  readonly images: readonly { readonly outputId: number; readonly blobHash: string; readonly provenance: Record<string, unknown> }[];
}

export type EmbeddedRecord = ImageRecord | SheetRecord;

export function imageRecord(item: ExportItem): ImageRecord {
  return { app: appName, version: packageJson.version, outputId: item.outputId, blobHash: item.blobHash, kind: item.kind, createdAt: item.createdAt, provenance: item.provenance };
}

export function sheetRecord(sheet: SheetRecord['sheet'], items: readonly ExportItem[]): SheetRecord {
  return { app: appName, version: packageJson.version, sheet, images: items.map((item) => ({ outputId: item.outputId, blobHash: item.blobHash, provenance: item.provenance })) };
}

/** One line for people and other apps: "sample 17: seed 42, step 500 of “Shoes”, ψ 0.7". */
export function describeItem(item: ExportItem): string {
  const latent = item.provenance['latent'] as { seed?: unknown } | undefined;
  const details = [
    typeof latent?.seed === 'number' ? `seed ${latent.seed}` : null,
    item.step !== null ? `step ${item.step}${item.runName ? ` of “${item.runName}”` : ''}` : null,
    typeof item.provenance['truncation'] === 'number' ? `ψ ${item.provenance['truncation']}` : null,
  ].filter((detail) => detail !== null);
  return `${toolOf(item)} ${item.outputId}${details.length > 0 ? `: ${details.join(', ')}` : ''}, made with ${appName}`;
}

export interface XmpFacts {
  readonly description: string;
  readonly createdAt: number;
  /** Simple properties other tools can show without parsing the JSON. */
  readonly properties: Readonly<Record<string, string | number | null>>;
}

/** The XMP packet: the record as JSON in latentstudio:provenance, beside a few plain properties. */
export function xmpPacket(record: EmbeddedRecord, facts: XmpFacts): string {
  const properties = Object.entries(facts.properties)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `\n    latentstudio:${name}="${escapeXml(String(value))}"`)
    .join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="${escapeXml(creatorTool)}">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:latentstudio="${xmpNamespace}"
    xmp:CreatorTool="${escapeXml(creatorTool)}"
    xmp:CreateDate="${new Date(facts.createdAt).toISOString()}"${properties}>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.description)}</rdf:li></rdf:Alt></dc:description>
   <latentstudio:provenance>${escapeXml(JSON.stringify(record))}</latentstudio:provenance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** The XMP properties for one image. */
export function imageXmpFacts(item: ExportItem): XmpFacts {
  const latent = item.provenance['latent'] as { seed?: unknown } | undefined;
  const sha = item.provenance['checkpointSha256'];
  return {
    description: describeItem(item),
    createdAt: item.createdAt,
    properties: {
      outputId: item.outputId,
      tool: toolOf(item),
      seed: typeof latent?.seed === 'number' ? latent.seed : null,
      checkpointSha256: typeof sha === 'string' ? sha : null,
    },
  };
}

/** EXIF ImageDescription is ASCII: the same JSON with every other character escaped, still valid JSON. */
export function exifDescription(record: EmbeddedRecord): string {
  return JSON.stringify(record).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The record in an XMP packet written by the studio (whatever prefix another app rewrote the namespace to), or null. */
export function recordFromXmp(xmp: string): EmbeddedRecord | null {
  const prefix = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)=["']${xmpNamespace.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}["']`).exec(xmp)?.[1];
  if (!prefix) return null;
  const element = new RegExp(`<${prefix}:provenance>([\\s\\S]*?)</${prefix}:provenance>`).exec(xmp)?.[1];
  const attribute = new RegExp(`${prefix}:provenance="([^"]*)"`).exec(xmp)?.[1];
  const text = element ?? attribute;
  return text === undefined ? null : recordFromJson(unescapeXml(text));
}

/** The record in a JSON text (EXIF ImageDescription), or null when it is not the studio's. */
export function recordFromJson(text: string): EmbeddedRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { app?: unknown }).app !== appName) return null;
  const record = parsed as Partial<ImageRecord & SheetRecord>;
  if (Array.isArray(record.images) && typeof record.sheet === 'string') return record as SheetRecord;
  if (typeof record.outputId === 'number' && typeof record.blobHash === 'string' && typeof record.provenance === 'object' && record.provenance !== null) return record as ImageRecord;
  return null;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}
