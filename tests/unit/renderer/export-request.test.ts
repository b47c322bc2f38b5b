import { describe, expect, it } from 'vitest';
import type { ExportFormatInfo, TemplateField } from '../../../preload/contract';
import {
  carriersLabel,
  exportSize,
  fileNameOf,
  imagesDraftProblem,
  imagesRequest,
  isAbsolutePath,
  parseOutputIds,
  pathProblem,
  templateProblem,
  unknownTemplateFields,
  withExtension,
  type ImageExportDraft,
} from '../../../renderer/src/lib/export-request';

const fields: TemplateField[] = ['name', 'id', 'index', 'collection', 'seed', 'checkpoint'];
const formats: ExportFormatInfo[] = [
  { format: 'png', label: 'PNG', extension: '.png', lossy: false, defaultQuality: null, metadata: ['xmp', 'exif'] },
  { format: 'webp', label: 'WebP', extension: '.webp', lossy: true, defaultQuality: 90, metadata: ['xmp', 'exif'] },
];
const draft: ImageExportDraft = {
  format: 'png',
  quality: null,
  size: 'original',
  customWidth: null,
  customHeight: null,
  fit: 'cover',
  template: '',
  destinationKind: 'folder',
  destinationPath: '/home/ana/out',
};

describe('the export size', () => {
  it('is the original or a preset as chosen', () => {
    expect(exportSize(draft)).toBe('original');
    expect(exportSize({ ...draft, size: 'long-1024' })).toBe('long-1024');
  });

  it('is a long edge for a width alone, and a box with its fit for both', () => {
    expect(exportSize({ ...draft, size: 'custom', customWidth: 640 })).toEqual({ width: 640 });
    expect(exportSize({ ...draft, size: 'custom', customWidth: 640, customHeight: 480, fit: 'contain' })).toEqual({ width: 640, height: 480, fit: 'contain' });
  });

  it('is missing while the custom box is empty or out of range', () => {
    expect(exportSize({ ...draft, size: 'custom' })).toBeNull();
    expect(exportSize({ ...draft, size: 'custom', customWidth: 0 })).toBeNull();
    expect(exportSize({ ...draft, size: 'custom', customWidth: 100, customHeight: 20_000 })).toBeNull();
    expect(exportSize({ ...draft, size: 'custom', customWidth: 10.5 })).toBeNull();
  });
});

describe('the images request', () => {
  it('sends only what was set, asking about conflicts by default', () => {
    expect(imagesRequest({ outputIds: [3, 4] }, draft, formats)).toEqual({ selection: { outputIds: [3, 4] }, format: 'png', destination: { folder: '/home/ana/out' }, conflict: 'ask' });
  });

  it('sends quality to lossy formats only, the size and the template trimmed, and the answer given', () => {
    const webp = { ...draft, format: 'webp' as const, quality: 75, size: 'custom' as const, customWidth: 512, template: ' {seed}-{index} ', destinationKind: 'zip' as const, destinationPath: ' /tmp/a.zip ' };
    expect(imagesRequest({ collectionId: 2 }, webp, formats, 'keep-both')).toEqual({
      selection: { collectionId: 2 },
      format: 'webp',
      quality: 75,
      size: { width: 512 },
      template: '{seed}-{index}',
      destination: { zip: '/tmp/a.zip' },
      conflict: 'keep-both',
    });
    expect(imagesRequest({ collectionId: 2 }, { ...draft, quality: 75 }, formats)).not.toHaveProperty('quality');
  });
});

describe('what stops an export', () => {
  it('names a bad quality, an empty custom size, an unknown field and a missing or relative destination', () => {
    expect(imagesDraftProblem(draft, fields)).toBeNull();
    expect(imagesDraftProblem({ ...draft, quality: 101 }, fields)).toBe('Quality must be a whole number from 1 to 100.');
    expect(imagesDraftProblem({ ...draft, size: 'custom' }, fields)).toMatch(/^Give the custom size a width/);
    expect(imagesDraftProblem({ ...draft, template: '{seed}-{colour}' }, fields)).toBe('{colour} is not a field a template can use.');
    expect(imagesDraftProblem({ ...draft, destinationPath: '  ' }, fields)).toBe('Type the path of the folder to write.');
    expect(imagesDraftProblem({ ...draft, destinationPath: 'out' }, fields)).toMatch(/full path/);
    expect(imagesDraftProblem({ ...draft, destinationKind: 'zip', destinationPath: '/tmp/out' }, fields)).toBe('A ZIP file’s path must end in .zip.');
  });

  it('takes POSIX, Windows drive and UNC paths as absolute', () => {
    for (const path of ['/home/a', 'C:\\Users\\a', 'd:/pictures', '\\\\server\\share']) expect(isAbsolutePath(path)).toBe(true);
    for (const path of ['out', './out', '~/out', 'C:out']) expect(isAbsolutePath(path)).toBe(false);
    expect(pathProblem('file', '/tmp/sheet.png')).toBeNull();
  });
});

describe('templates', () => {
  it('finds each unknown field once; the empty template is the default', () => {
    expect(unknownTemplateFields('{seed}-{ colour }-{colour}-{index}', fields)).toEqual(['colour']);
    expect(templateProblem('{a}{b}', fields)).toBe('{a}, {b} are not fields a template can use.');
    expect(templateProblem('', fields)).toBeNull();
    expect(templateProblem('plain-name', fields)).toBeNull();
    expect(templateProblem('x'.repeat(301), fields)).toMatch(/longer than 300/);
  });
});

describe('paths', () => {
  it('names the file of a path, either slash', () => {
    expect(fileNameOf('/a/b/seed-42.png')).toBe('seed-42.png');
    expect(fileNameOf('C:\\a\\b.webp')).toBe('b.webp');
    expect(fileNameOf('entry.png')).toBe('entry.png');
  });

  it('swaps or adds an extension', () => {
    expect(withExtension('/a/sheet.png', 'webp')).toBe('/a/sheet.webp');
    expect(withExtension('/a.b/sheet', 'json')).toBe('/a.b/sheet.json');
    expect(withExtension('/a/.hidden', 'png')).toBe('/a/.hidden.png');
    expect(withExtension('', 'png')).toBe('');
  });
});

describe('output ids typed', () => {
  it('reads lists and ranges in order, without repeats', () => {
    expect(parseOutputIds('3, 7 10-12;4–5 3')).toEqual({ ids: [3, 7, 10, 11, 12, 4, 5] });
  });

  it('says what is wrong with what it cannot read', () => {
    expect(parseOutputIds('')).toEqual({ error: 'Type the ids of the outputs to export, like 3, 7, 10-14.' });
    expect(parseOutputIds('3, x')).toEqual({ error: 'x is not an output id: type whole numbers like 3, 7, 10-14.' });
    expect(parseOutputIds('0')).toHaveProperty('error');
    expect(parseOutputIds('9-4')).toEqual({ error: '9-4 is not a range of ids (the first must be 1 or more, and not above the last).' });
    expect(parseOutputIds('1-200000')).toEqual({ error: '1-200000 names more than 100,000 outputs.' });
  });
});

describe('metadata carriers', () => {
  it('lists where the provenance goes', () => {
    expect(carriersLabel(['xmp'])).toBe('XMP');
    expect(carriersLabel(['xmp', 'exif'])).toBe('XMP and EXIF (ImageDescription)');
  });
});
