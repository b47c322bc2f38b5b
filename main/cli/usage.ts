/** Thrown for a command line the CLI cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage: latent-studio <command> [options]

Commands:
  serve     Run the studio for a browser: prints a URL with a one-time token
            --project DIR   project folder (default: your Default Project)
            --port N        port to listen on (default 5417; 0 picks a free one)
            --host H        interface to listen on (default 127.0.0.1)
  doctor    Report what this machine offers: runtime, CPU, compute backends
            --project DIR   also check this project folder

Options for every command:
  --json      machine-readable output on stdout
  --help      this text
  --version   the version
`;
