import { app, BrowserWindow, type WebContents } from 'electron';
import { appPaths, defaultProjectPath, settingsFileOf } from '../paths';
import { openDefaultProject } from '../starter/open-default-project';
import { createStudio, type Studio } from '../studio';
import { utilityEngine } from './engine-process';
import { forwardEvents, handleCalls } from './ipc';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow } from './window';

/** The desktop app: one studio, the default project, one window per launch. */
export function startDesktopApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  const paths = appPaths();
  const ourWindows = new Set<number>();
  let studio: Studio | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => studio?.close());

  void app.whenReady().then(async () => {
    const desktop = createStudio('electron', utilityEngine(paths.engineEntry), {
      settingsFile: settingsFileOf(app.getPath('userData')),
      // The name a second writer of the same project is told.
      access: { mode: 'write', command: 'the Latent Studio app' },
    });
    studio = desktop;
    const { opened, starter } = await openDefaultProject(desktop, defaultProjectPath(app.getPath('userData')), paths.starterDir);
    if (!opened.ok) console.error(`Could not open the default project: ${opened.error.message}`);
    starter?.catch((error: unknown) => console.error(`Could not finish the starter project: ${(error as Error).message}`));

    serveAppScheme({ rendererDir: paths.rendererDir, assetsDir: paths.assetsDir, blobs: () => (desktop.project.summary ? desktop.project.library.blobs : null) });
    handleCalls(desktop, (contents: WebContents) => ourWindows.has(contents.id));
    const openWindow = () => {
      const window = createMainWindow(paths.preloadEntry);
      const id = window.webContents.id;
      ourWindows.add(id);
      forwardEvents(desktop, window.webContents);
      window.on('closed', () => ourWindows.delete(id));
    };
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    desktop.compute.report().catch((error: unknown) => console.error(`Backend probe failed: ${(error as Error).message}`));
  });
}
