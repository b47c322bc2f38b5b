import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels, type Envelope } from '../../preload/contract';
import type { Studio } from '../studio';
import { senderRefusal } from './trusted-sender';

/**
 * One IPC channel for every call: the sender is checked first, then the
 * shared dispatcher validates the method and its arguments.
 */
export function handleCalls(studio: Studio, isOurWindow: (contents: WebContents) => boolean): void {
  ipcMain.handle(ipcChannels.call, async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Envelope<unknown>> => {
    const frame = event.senderFrame;
    const refusal = senderRefusal({
      frameUrl: frame?.url ?? null,
      isTopFrame: frame !== null && frame.parent === null,
      isOurWindow: isOurWindow(event.sender),
    });
    if (refusal) return { ok: false, error: { code: 'FORBIDDEN', message: `Refused: ${refusal}` } };
    return studio.dispatch(String(method), args);
  });
}

/** Pushes every studio event to one window for as long as it lives. */
export function forwardEvents(studio: Studio, contents: WebContents): void {
  const unsubscribe = studio.events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcChannels.event, event, payload);
  });
  contents.once('destroyed', unsubscribe);
}
