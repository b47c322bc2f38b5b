/** The files of a small ZIP the studio wrote itself (a PNG sequence), read whole. */
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

export interface ZipFileEntry {
  readonly name: string;
  readonly bytes: Buffer;
}

export function zipEntries(zip: Buffer): Promise<ZipFileEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries: ZipFileEntry[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          buffer(stream).then((bytes) => {
            entries.push({ name: entry.fileName, bytes });
            file.readEntry();
          }, reject);
        });
      });
      file.readEntry();
    });
  });
}
