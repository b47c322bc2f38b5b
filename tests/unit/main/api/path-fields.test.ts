import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { argumentSchemas, StudioError, type StudioApi } from '../../../../preload/contract';
import { serverPaths } from '../../../../preload/contract/schema-parts';
import { createDispatcher, type PathPolicy } from '../../../../main/api/dispatch';
import { eachElement, pathArguments, pathFieldsOf, type PathField } from '../../../../main/api/path-fields';

const schemas = argumentSchemas as unknown as Record<string, Record<string, z.ZodType>>;
const everyMethod = Object.entries(schemas).flatMap(([namespace, methods]) => Object.entries(methods).map(([name, schema]) => [`${namespace}.${name}`, schema] as const));
const show = (field: PathField) => field.map((step) => (step === eachElement ? '*' : String(step))).join('.');

describe('path fields, read from the contract', () => {
  it('finds every argument that names a file or folder on the server', () => {
    const found = Object.fromEntries(everyMethod.map(([method, schema]) => [method, pathFieldsOf(schema).map(show)] as const).filter(([, fields]) => fields.length > 0));
    expect(found).toEqual({
      'library.open': ['0.path'],
      'library.create': ['0.path'],
      'datasets.import': ['0.paths.*'],
      'latent.project': ['0.image.path'],
      'translate.image': ['0.source.path'],
      'translate.batch': ['0.inputs.paths.*'],
      'translate.compare': ['0.source.path'],
      'export.plan': ['0.destination.folder', '0.destination.zip'],
      'export.images': ['0.destination.folder', '0.destination.zip'],
      'export.contactSheet': ['0.path'],
      'export.spriteSheet': ['0.path'],
      'export.recall': ['0.path'],
      'models.export': ['0.folder'],
      'models.inspect': ['0.path'],
      'models.import': ['0.path'],
    });
  });

  it('leaves no text field named …path, …folder, …dir, …file or …zip unmarked', () => {
    // Seen through JSON Schema, a walk independent of pathFieldsOf: a path built from z.string() would bypass serve's policy.
    const unmarked: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${at}[${index}]`));
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      for (const [key, property] of Object.entries((record['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {})) {
        const text = property['type'] === 'array' ? (property['items'] as Record<string, unknown>) : property;
        const namesPath = /(path|folder|dir|directory|file|zip)s?$/i.test(key);
        if (namesPath && text['type'] === 'string' && !('enum' in text) && text['serverPath'] !== true) unmarked.push(`${at}.${key}`);
      }
      for (const [key, child] of Object.entries(record)) visit(child, `${at}/${key}`);
    };
    for (const [method, schema] of everyMethod) visit(z.toJSONSchema(schema, { metadata: serverPaths, unrepresentable: 'any' }), method);
    expect(unmarked).toEqual([]);
  });

  it('names each path an argument list holds by its field, list positions included', () => {
    const fields = pathFieldsOf(argumentSchemas.translate.batch);
    expect(pathArguments(fields, [{ checkpointId: 1, inputs: { paths: ['/a', '/b'] } }])).toEqual([
      { field: 'inputs.paths.0', path: '/a' },
      { field: 'inputs.paths.1', path: '/b' },
    ]);
    expect(pathArguments(fields, [{ checkpointId: 1, inputs: { dataset: 'Shoes' } }])).toEqual([]);
    expect(pathArguments(pathFieldsOf(argumentSchemas.export.images), [{ destination: { zip: '/out/x.zip' } }])).toEqual([{ field: 'destination.zip', path: '/out/x.zip' }]);
    expect(pathArguments(pathFieldsOf(argumentSchemas.translate.image), [{ checkpointId: 1, source: { outputId: 3 } }])).toEqual([]);
  });

  it('refuses to guess inside a schema it cannot see into', () => {
    expect(() => pathFieldsOf(z.tuple([z.lazy(() => z.string())]))).toThrow(/cannot look inside a lazy schema at 0/);
  });
});

describe('the dispatcher’s path policy hook', () => {
  const opened = vi.fn(async ({ path }: { path: string }) => ({ name: 'P', path }));
  const services = { library: { open: opened } } as unknown as StudioApi;
  const dispatch = createDispatcher(services);
  const refuseEtc: PathPolicy = {
    confine: (field, path) => {
      if (path.startsWith('/etc')) throw new StudioError('FORBIDDEN', `${field}: "${path}" is outside`);
    },
  };

  it('holds each validated path to the front door’s policy before the service runs', async () => {
    const confine = vi.spyOn(refuseEtc, 'confine');
    expect(await dispatch('library.open', [{ path: '  /etc/ssh  ' }], { pathPolicy: refuseEtc })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'library.open: path: "/etc/ssh" is outside' },
    });
    expect(confine).toHaveBeenCalledWith('library.open: path', '/etc/ssh');
    expect(opened).not.toHaveBeenCalled();
    expect(await dispatch('library.open', [{ path: '/srv/P' }], { pathPolicy: refuseEtc })).toEqual({ ok: true, value: { name: 'P', path: '/srv/P' } });
  });

  it('keeps full access for a front door that passes no policy (IPC, the local CLI)', async () => {
    expect(await dispatch('library.open', [{ path: '/etc/ssh' }])).toMatchObject({ ok: true });
  });
});
