/**
 * Builds a `StudioBridge` from a transport: how to invoke one method, and a
 * `deliver` the transport calls for each pushed event. The preload (IPC) and
 * the serve-mode client (HTTP + WebSocket) differ only in those two pieces.
 */
import { eventNames, methodNames, subscriberName, type Envelope, type EventName, type MethodName, type StudioBridge } from './contract';

export type Invoke = (method: MethodName, args: unknown[]) => Promise<Envelope<unknown>>;

export interface BridgeWithDelivery {
  readonly bridge: StudioBridge;
  /** Hands a pushed event to its subscribers; unknown names are ignored. */
  deliver(event: string, payload: unknown): void;
}

type Listener = (payload: unknown) => void;

export function createBridge(invoke: Invoke): BridgeWithDelivery {
  const namespaces: Record<string, Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>> = {};
  for (const method of methodNames) {
    const [namespace, name] = method.split('.') as [string, string];
    namespaces[namespace] ??= {};
    namespaces[namespace][name] = (...args) => invoke(method, args);
  }

  const listeners = new Map<string, Set<Listener>>(eventNames.map((event) => [event, new Set()]));
  const subscriptions = Object.fromEntries(
    eventNames.map((event: EventName) => [
      subscriberName(event),
      (listener: Listener) => {
        listeners.get(event)?.add(listener);
        return () => void listeners.get(event)?.delete(listener);
      },
    ]),
  );

  return {
    bridge: { ...namespaces, ...subscriptions } as unknown as StudioBridge,
    deliver: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          // One failing view must not stop the others hearing the event.
          console.error(`listener for ${event} failed`, error);
        }
      }
    },
  };
}
