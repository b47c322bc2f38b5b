import { describe, expect, it } from 'vitest';
import { exifDescription, recordFromJson, recordFromXmp, xmpPacket, type ImageRecord } from '../../../../main/export/embedded-provenance';
import { exifImageDescription } from '../../../../main/export/exif-description';
import type { ExportItem } from '../../../../main/export/selection';
import { safeFileStem, Template, uniqueNames } from '../../../../main/export/template';

const item: ExportItem = {
  outputId: 17,
  blobHash: 'a'.repeat(64),
  kind: 'sample',
  provenance: { tool: 'sample', latent: { seed: 42, class: null }, truncation: 0.5, checkpointSha256: 'b'.repeat(64) },
  createdAt: new Date(2025, 0, 31, 14, 25, 1).getTime(),
  rating: 4,
  runName: 'Shoes: run/2',
  checkpointId: 3,
  step: 1200,
  width: 64,
  height: 64,
};
const context = { item, index: 6, count: 120, collection: 'Best <of>' };

describe('templates', () => {
  it('fills every field', () => {
    const template = new Template('{name}|{id}|{index}|{collection}|{tool}|{seed}|{class}|{truncation}|{checkpoint}|{step}|{run}|{rating}|{date}|{time}', 'template');
    expect(template.text(context)).toBe('sample-17|17|007|Best <of>|sample|42||0.5|3|1200|Shoes: run/2|4|2025-01-31|142501');
  });

  it('makes safe file names: no reserved characters, no empty leftovers, no reserved Windows names', () => {
    expect(new Template('{run}-{collection}', 'template').fileStem(context)).toBe('Shoes_ run_2-Best _of');
    expect(new Template('{class}-{seed}--{class}', 'template').fileStem(context)).toBe('42');
    expect(new Template('{class}', 'template').fileStem(context)).toBe('image');
    expect(safeFileStem('CON')).toBe('CON_');
    expect(safeFileStem(' ..hidden. ')).toBe('hidden');
    expect(safeFileStem('tab\there\nnew')).toBe('tab_here_new');
    expect(safeFileStem('x'.repeat(400))).toHaveLength(180);
  });

  it('refuses unknown fields and stray braces, naming them', () => {
    expect(() => new Template('{seed}-{sede}', 'template')).toThrow(/^template: unknown field \{sede\}; the fields are \{name\} \{id\}/);
    expect(() => new Template('seed}', 'captions')).toThrow('captions: a "}" without its pair at character 5; fields are written {name}');
  });

  it('numbers names that come out the same, ignoring case, around names taken already', () => {
    expect(uniqueNames(['a.png', 'A.png', 'b.png', 'a.png', 'a-2.png'])).toEqual(['a.png', 'A-2.png', 'b.png', 'a-3.png', 'a-2-2.png']);
    expect(uniqueNames(['a.png'], (name) => name === 'a.png')).toEqual(['a-2.png']);
  });
});

describe('embedded provenance', () => {
  const record: ImageRecord = { app: 'Latent Studio', version: '0.1.0', outputId: 17, blobHash: item.blobHash, kind: 'sample', createdAt: item.createdAt, provenance: { ...item.provenance, source: 'café <drawing> & "more"' } };

  it('round-trips the record through XMP, escaped, whatever prefix another app gives the namespace', () => {
    const xmp = xmpPacket(record, { description: 'a <b> & c', createdAt: item.createdAt, properties: { outputId: 17, seed: null } });
    expect(recordFromXmp(xmp)).toEqual(record);
    expect(xmp).toContain('latentstudio:outputId="17"');
    expect(xmp).not.toContain('latentstudio:seed=');
    expect(recordFromXmp(xmp.replaceAll('latentstudio:', 'ls:').replace('xmlns:latentstudio=', 'xmlns:ls='))).toEqual(record);
    const asAttribute = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:q="https://latent.studio/ns/1.0/" q:provenance="${JSON.stringify(record).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"/></rdf:RDF></x:xmpmeta>`;
    expect(recordFromXmp(asAttribute)).toEqual(record);
    expect(recordFromXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')).toBeNull();
  });

  it('writes EXIF ImageDescription as ASCII that is still the same JSON, and reads it from either byte order', () => {
    const description = exifDescription(record);
    expect(/^[\x20-\x7e]*$/.test(description)).toBe(true);
    expect(recordFromJson(description)).toEqual(record);
    expect(recordFromJson('{"app":"Another"}')).toBeNull();
    expect(recordFromJson('not json')).toBeNull();

    const text = Buffer.from(`${description}\0`, 'latin1');
    for (const little of [true, false]) {
      const header = Buffer.alloc(8 + 2 + 12 + 4);
      header.write(little ? 'II' : 'MM', 0, 'latin1');
      const u16 = (value: number, at: number) => (little ? header.writeUInt16LE(value, at) : header.writeUInt16BE(value, at));
      const u32 = (value: number, at: number) => (little ? header.writeUInt32LE(value, at) : header.writeUInt32BE(value, at));
      u16(42, 2);
      u32(8, 4);
      u16(1, 8);
      u16(0x010e, 10);
      u16(2, 12);
      u32(text.length, 14);
      u32(header.length, 18);
      expect(exifImageDescription(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), header, text]))).toBe(description);
    }
    expect(exifImageDescription(Buffer.from('Exif\0\0II', 'latin1'))).toBeNull();
  });
});
