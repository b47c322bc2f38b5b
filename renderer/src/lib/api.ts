/**
 * The renderer's one way to the main process. Under Electron the preload has
 * put `window.studio` there; in a browser we build the same bridge over HTTP
 * and WebSocket. Either way the views get a `Studio` whose methods return
 * values and throw `StudioError`s, so one build serves both.
 */
import { methodNames, StudioError, type Envelope, type EventSubscriptions, type StudioApi, type StudioBridge } from '../../../preload/contract';
import { createServeBridge, type ConnectionListener } from './serve-bridge';

export type Studio = StudioApi & EventSubscriptions;

export interface StudioConnection {
  readonly studio: Studio;
  readonly transport: 'electron' | 'serve';
  /** Serve mode only: follows the event socket going down and coming back. */
  readonly onConnectionChange: (listener: ConnectionListener) => void;
  /** Electron only: where a dropped or picked file lies on disk. Serve mode uploads files instead. */
  readonly localPathOf: ((file: File) => string) | null;
}

export function connectStudio(): StudioConnection {
  if (window.studio) {
    return { studio: unwrap(window.studio), transport: 'electron', onConnectionChange: () => {}, localPathOf: window.studio.localPathOf ?? null };
  }
  const serve = createServeBridge(window);
  return { studio: unwrap(serve.bridge), transport: 'serve', onConnectionChange: serve.onConnectionChange, localPathOf: null };
}

/** Turns envelope-returning bridge methods into value-returning ones that throw on failure. */
function unwrap(bridge: StudioBridge): Studio {
  const api: Record<string, unknown> = { ...bridge };
  const raw = bridge as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>>;
  for (const method of methodNames) {
    const [namespace, name] = method.split('.') as [string, string];
    const group = (api[namespace] = { ...(api[namespace] as object) }) as Record<string, unknown>;
    group[name] = async (...args: unknown[]) => {
      const envelope = await raw[namespace]![name]!(...args);
      if (envelope.ok) return envelope.value;
      throw new StudioError(envelope.error.code, envelope.error.message);
    };
  }
  return api as unknown as Studio;
}
