// `npm start`: the desktop app when the Electron binary is here; otherwise
// (an offline machine never got it) say so and run serve mode instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package resolves to its binary's path, downloading it on first use.
    return require('electron');
  } catch {
    console.error('\nThe Electron binary is not installed, and downloading it failed (this machine may be offline).');
    console.error('Starting serve mode instead: open the URL below in a browser.\n');
    return null;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist/main/cli.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
