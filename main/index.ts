/** The Electron entry point: everything Electron-specific lives in ./shell. */
import { startDesktopApp } from './shell/app';

startDesktopApp();
