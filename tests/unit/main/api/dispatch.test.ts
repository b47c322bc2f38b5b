import { describe, expect, it } from 'vitest';
import { StudioError, type StudioApi } from '../../../../preload/contract';
import { createDispatcher } from '../../../../main/api/dispatch';

const project = { name: 'Landscapes', path: '/projects/Landscapes' };

/** Only the methods these tests call; the dispatcher reaches no others. */
function services(overrides: Partial<StudioApi['library']> = {}): StudioApi {
  return {
    system: {
      info: async () => ({ appVersion: '0', mode: 'cli', versions: { node: '24', electron: null, v8: '13', tfjs: null }, backend: null, project: null }),
      doctor: async () => {
        throw new Error('disk exploded');
      },
    },
    library: { open: async ({ path }: { path: string }) => ({ ...project, path }), create: async () => project, ...overrides },
  } as unknown as StudioApi;
}

describe('dispatcher', () => {
  const dispatch = createDispatcher(services());

  it('wraps a result in an ok envelope', async () => {
    expect(await dispatch('library.open', [{ path: '/projects/Landscapes' }])).toEqual({ ok: true, value: project });
  });

  it('refuses a bad argument and names the field', async () => {
    const result = await dispatch('library.open', [{ path: 42 }]);
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^library\.open: path: must be a folder path/) } });
  });

  it('refuses an empty path, saying why', async () => {
    const result = await dispatch('library.create', [{ path: '   ' }]);
    expect(result.ok === false && result.error.message).toBe('library.create: path: must not be empty');
  });

  it('refuses unexpected fields by name', async () => {
    const result = await dispatch('library.open', [{ path: '/p', admin: true }]);
    expect(result.ok === false && result.error.message).toBe('library.open: argument 1: unexpected field "admin"');
  });

  it('refuses extra and missing arguments', async () => {
    const extra = await dispatch('system.info', ['surprise']);
    expect(extra.ok === false && extra.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('at most 0') });
    const missing = await dispatch('library.open', []);
    expect(missing.ok === false && missing.error.code).toBe('INVALID_ARGUMENT');
  });

  it('refuses arguments that are not a list, and an argument of the wrong kind', async () => {
    const notList = await dispatch('library.open', { path: '/p' });
    expect(notList.ok === false && notList.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('arguments must be a list') });
    const wrongKind = await dispatch('library.open', ['/p']);
    expect(wrongKind.ok === false && wrongKind.error.message).toMatch(/^library\.open: argument 1: /);
  });

  it.each(['library.nope', 'nope.open', 'library', 'system.info.x', 'system.toString', '__proto__.constructor', 'library.hasOwnProperty'])(
    'refuses the unknown method %s',
    async (method) => {
      const result = await dispatch(method, []);
      expect(result.ok === false && result.error.code).toBe('UNKNOWN_METHOD');
    },
  );

  it('keeps the code and message of a StudioError', async () => {
    const failing = createDispatcher(
      services({
        open: async () => {
          throw new StudioError('NOT_A_PROJECT', '/tmp is not a Latent Studio project');
        },
      }),
    );
    expect(await failing('library.open', [{ path: '/tmp' }])).toEqual({
      ok: false,
      error: { code: 'NOT_A_PROJECT', message: '/tmp is not a Latent Studio project' },
    });
  });

  it('turns any other failure into an INTERNAL envelope instead of throwing', async () => {
    expect(await dispatch('system.doctor', [])).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error: disk exploded' } });
  });
});
