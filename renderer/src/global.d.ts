import type { StudioBridge } from '../../preload/contract';

declare global {
  interface Window {
    /** Present under Electron (exposed by the preload); absent in a browser, where serve mode is used. */
    readonly studio?: StudioBridge;
  }
}
