/**
 * Runs in the sandboxed preload: exposes `window.studio`, one function per
 * contract method and one `onX(cb)` per pushed event. The page never sees
 * ipcRenderer, channel names or anything it could call arbitrarily.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createBridge } from './bridge';
import { ipcChannels, type Envelope, type StudioBridge } from './contract';

const { bridge, deliver } = createBridge(
  (method, args) => ipcRenderer.invoke(ipcChannels.call, method, args) as Promise<Envelope<unknown>>,
);
ipcRenderer.on(ipcChannels.event, (_event: IpcRendererEvent, name: string, payload: unknown) => deliver(name, payload));

// The page cannot learn where a dropped file lies (File.path is gone since Electron 32); the preload may ask.
const studio: StudioBridge = { ...bridge, localPathOf: (file: File) => webUtils.getPathForFile(file) };
contextBridge.exposeInMainWorld('studio', studio);
