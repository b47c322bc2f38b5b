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
  import NAME PATH...
            Import images into dataset NAME (created if new): files, folders
            (subfolders name classes), zip archives, MNIST-style IDX files.
            Progress on stderr; Ctrl+C stops, and the same command resumes.
            --kind images|paired|unpaired   needed for a new dataset
            --pairing side-by-side|matched-folders
                            paired sets: split each image into A|B halves
                            (default for one path), or pair two folders' files by name
            --project DIR
  datasets  List the project's datasets
            --project DIR
  train --dataset NAME [--model dcgan] [--resolution 32|64|128] [--steps N]
        [--batch B] [--seed S] [--preset quick|balanced|quality] [--conditional]
            Train a GAN and follow it; Ctrl+C pauses it with a checkpoint.
  train --resume RUN [--steps N]
            Continue a paused run exactly where it stopped (optionally further).
  sample --checkpoint ID --count N --seed S --out DIR [--ema | --no-ema]
            Write seed-S.png … from a checkpoint (never overwriting files).

Options for every command:
  --json      machine-readable output on stdout
  --backend tensorflow-gpu|tensorflow|wasm|cpu
              compute on this backend instead of the fastest that loads
  --help      this text
  --version   the version
`;
