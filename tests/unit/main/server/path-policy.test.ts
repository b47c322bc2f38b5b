import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../preload/contract';
import { isInsideFolder } from '../../../../main/files/inside-folder';
import { confineToFolders, malformedPathReason, resolveLinks } from '../../../../main/server/path-policy';

/** The policy's verdict as the dispatcher would report it: null when allowed. */
function verdict(confine: () => void): { code: string; message: string } | null {
  try {
    confine();
    return null;
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('malformedPathReason', () => {
  it('accepts an absolute path, spaces and non-Latin letters included', () => {
    for (const path of ['/home/ada/Pictures', '/home/ada/My Photos/été 2024.png', '/srv/データ/a.png', '/a/./b', '/a/..b/c..']) {
      expect(malformedPathReason(path)).toBeNull();
    }
  });

  it('refuses a relative path: the server’s working folder means nothing to a browser user', () => {
    for (const path of ['photos/a.png', './a.png', '~/a.png', 'C:a.png']) expect(malformedPathReason(path)).toMatch(/absolute/);
  });

  it('refuses ".." segments, which the OS resolves after following links', () => {
    for (const path of ['/allowed/link/../x', '/allowed/..', '/a/b/../../etc']) expect(malformedPathReason(path)).toMatch(/"\.\."/);
  });

  it.each([
    ['C0', '/a/b\u0001c'],
    ['newline', '/a/b\nc'],
    ['DEL', '/a/b\u007fc'],
    ['C1', '/a/b\u0085c'],
    ['C1 CSI', '/a/b\u009bc'],
  ])('refuses a %s control character', (_name, path) => {
    expect(malformedPathReason(path)).toMatch(/control characters/);
  });

  it.each(['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'])(
    'refuses the bidirectional control U+%s',
    (character) => {
      expect(malformedPathReason(`/home/ada/${character}gnp.exe`)).toMatch(/bidirectional/);
    },
  );
});

describe('isInsideFolder', () => {
  it('holds for the folder itself and anything under it', () => {
    expect(isInsideFolder('/srv/photos', '/srv/photos')).toBe(true);
    expect(isInsideFolder('/srv/photos/a/b.png', '/srv/photos')).toBe(true);
    expect(isInsideFolder('/srv/photos/..hidden', '/srv/photos')).toBe(true);
  });

  it('fails for parents, siblings sharing a prefix and other trees', () => {
    expect(isInsideFolder('/srv', '/srv/photos')).toBe(false);
    expect(isInsideFolder('/srv/photos-private/a.png', '/srv/photos')).toBe(false);
    expect(isInsideFolder('/etc/hostname', '/srv/photos')).toBe(false);
  });
});

describe('confineToFolders (links given)', () => {
  // A made-up file system: /allowed/escape is a link to /etc; nothing else is a link.
  const links = (path: string) => (path.startsWith('/allowed/escape') ? path.replace('/allowed/escape', '/etc') : path);
  const policy = confineToFolders(() => ['/allowed', '/projects/Current'], links);

  it('allows paths inside an allowed folder or the project, existing or not', () => {
    for (const path of ['/allowed', '/allowed/a.png', '/allowed/new/folder/out.zip', '/projects/Current/cache/uploads/batch-1']) {
      expect(verdict(() => policy.confine('datasets.import: paths.0', path))).toBeNull();
    }
  });

  it('forbids a path outside, naming the field and the path', () => {
    expect(verdict(() => policy.confine('datasets.import: paths.1', '/etc/hostname'))).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^datasets\.import: paths\.1: "\/etc\/hostname" is outside the folders this server may use/),
    });
    expect(verdict(() => policy.confine('library.create: path', '/projects/Other'))?.code).toBe('FORBIDDEN');
  });

  it('follows a link before deciding', () => {
    expect(verdict(() => policy.confine('export.recall: path', '/allowed/escape/passwd'))?.code).toBe('FORBIDDEN');
  });

  it('refuses a malformed path as an invalid argument, naming the field', () => {
    expect(verdict(() => policy.confine('latent.project: image.path', 'a.png'))).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^latent\.project: image\.path: must be an absolute path/) });
    expect(verdict(() => policy.confine('models.inspect: path', '/allowed/\u202egnp.exe'))).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^models\.inspect: path: .*bidirectional/) });
  });

  it('asks for the allowed folders on every call, as the open project changes', () => {
    let folders = ['/projects/A'];
    const changing = confineToFolders(() => folders, links);
    expect(verdict(() => changing.confine('f', '/projects/B/x'))?.code).toBe('FORBIDDEN');
    folders = ['/projects/A', '/projects/B'];
    expect(verdict(() => changing.confine('f', '/projects/B/x'))).toBeNull();
  });

  it('forbids everything when no folder is allowed', () => {
    expect(verdict(() => confineToFolders(() => [], links).confine('f', '/allowed/a.png'))?.code).toBe('FORBIDDEN');
  });
});

describe('resolveLinks and the policy on a real file system', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'studio-path-policy-')));
  const allowed = join(base, 'allowed');
  const outside = join(base, 'outside');
  mkdirSync(allowed);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(outside, join(allowed, 'to-outside'));
  symlinkSync(join(outside, 'secret.txt'), join(allowed, 'secret-link.txt'));
  symlinkSync(join(base, 'nowhere'), join(allowed, 'dangling'));
  symlinkSync(allowed, join(outside, 'to-allowed'));
  const policy = confineToFolders(() => [allowed]);

  it('resolves links in the existing part and keeps the parts not created yet', () => {
    expect(resolveLinks(join(allowed, 'to-outside', 'secret.txt'))).toBe(join(outside, 'secret.txt'));
    expect(resolveLinks(join(allowed, 'to-outside', 'new', 'file.png'))).toBe(join(outside, 'new', 'file.png'));
    expect(resolveLinks(join(allowed, 'new', 'file.png'))).toBe(join(allowed, 'new', 'file.png'));
  });

  it('cannot resolve a path through a link that points nowhere', () => {
    expect(resolveLinks(join(allowed, 'dangling', 'made-later'))).toBeNull();
  });

  it('forbids links inside an allowed folder that lead out, to a folder or a file', () => {
    expect(verdict(() => policy.confine('f', join(allowed, 'to-outside', 'secret.txt')))?.code).toBe('FORBIDDEN');
    expect(verdict(() => policy.confine('f', join(allowed, 'to-outside', 'new-folder')))?.code).toBe('FORBIDDEN');
    expect(verdict(() => policy.confine('f', join(allowed, 'secret-link.txt')))?.code).toBe('FORBIDDEN');
    expect(verdict(() => policy.confine('f', join(allowed, 'dangling', 'x')))).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('points nowhere') });
  });

  it('allows a link outside that leads into an allowed folder: where it lands is what counts', () => {
    expect(verdict(() => policy.confine('f', join(outside, 'to-allowed', 'a.png')))).toBeNull();
  });

  it('compares resolved folders, so an allowed folder named through a link still works', () => {
    const throughLink = confineToFolders(() => [join(outside, 'to-allowed')]);
    expect(verdict(() => throughLink.confine('f', join(allowed, 'a.png')))).toBeNull();
  });
});
