/** Thrown for a command line the CLI cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage: latent-studio <command> [options]

Commands:
  serve     Run the studio for a browser: prints a URL with a one-time token
            --project DIR   project folder (default: your Default Project)
            --port N        port to listen on (default 5417; 0 picks a free one)
            --host H        interface to listen on (default 127.0.0.1); other than
                            loopback, --allow-dir must say what its users may reach
            --allow-dir DIR a folder browser users may read and write besides the
                            project (repeatable; adds to the settings' allowDirs);
                            --allow-dir none: the project folder alone
            --no-starter    a new default project starts empty, not with the starter datasets and models
  doctor    Report what this machine offers: runtime, CPU, compute backends
            --project DIR   also check this project folder
  import NAME PATH...
            Import images into dataset NAME (created if new): files, folders
            (subfolders name classes), zip archives, MNIST-style IDX files
            (classes.txt beside them names the labels, one a line).
            Progress on stderr; Ctrl+C stops, and the same command resumes.
            --kind images|paired|unpaired   needed for a new dataset
            --pairing side-by-side|matched-folders
                            paired sets: split each image into A|B halves
                            (default for one path), or pair two folders' files by name
            --project DIR
  datasets  List the project's datasets
            --project DIR
  scenes --out DIR [--count 100] [--size 128|WxH] [--seed 1]
        [--layout folders|side-by-side]
            Draw landscapes (sky, hills or mountains, water, trees, sun or
            moon, clouds) as a paired dataset: DIR/day, DIR/night and
            DIR/sketch hold scene-S.png for seeds S, S+1 …, pixel-aligned;
            side-by-side writes DIR/sketch-day and DIR/day-night A|B images
            instead. Needs no project; never overwrites.
  train --dataset NAME [--model fastgan|dcgan|pix2pix|cyclegan]
        [--resolution PX] [--steps N] [--batch B] [--width W] [--seed S]
        [--preset quick|balanced|quality] [--upsample bilinear|nearest|transposed]
            Train a GAN and follow it; Ctrl+C pauses it with a checkpoint.
            fastgan (the default): an image set at 32|64|128|256 px
            (default 32; 512|1024 on a GPU backend), --conditional;
            dcgan: an image set at 32|64|128 px (default 32), --conditional;
            pix2pix: a paired set at 64|128|256 px (default 128),
            --direction AtoB|BtoA; cyclegan: two sides, --blocks N.
            Generators upsample by bilinear resize + 3×3 convolution (no
            checkerboard, no banding on skies); nearest is FastGAN's paper
            layer, transposed (not for fastgan) DCGAN's and pix2pix's.
  train --resume RUN [--steps N]
            Continue a paused run exactly where it stopped (optionally further).
  sample --checkpoint ID --out DIR [--count N] [--seed S] [--grid COLUMNS]
            Write seed-S.png … from a checkpoint (never overwriting files);
            --grid also lays them out in grid-S.png.
  interpolate --checkpoint ID --seeds 1,7,42 --out FILE [--frames 120] [--fps 24]
        [--loop] [--format webp|gif|apng|png|mp4] [--size PX]
        [--mode spherical|linear] [--easing ease-in-out|linear|ease-in|ease-out]
            Animate a walk through the keyframes (--keyframes takes any
            latents); --format png writes numbered frames into the folder FILE.
  mix --checkpoint ID --out DIR (--arithmetic A,B,C | --crossover P,Q
        | --mutate P [--strength 0.3]) [--children 8] [--seed S]
            Breed latents: A − B + C, children of two parents, or mutants.
  project --checkpoint ID IMAGE [--steps 300] [--out FILE] [--save NAME]
            Find the latent that best redraws IMAGE (Ctrl+C cancels).
  translate --checkpoint ID INPUT... --out DIR [--direction AtoB|BtoA]
        [--tile | --fit] [--overlap PX] [--working-size PX] [--strength 0-1]
        [--style]
            Translate images (files or folders) with a pix2pix or CycleGAN
            checkpoint into DIR/<name>.png, never overwriting; images over
            1.5× the model's size are tiled unless --fit; --style records
            them as styled photos. Ctrl+C cancels, keeping what is done.
  models export --checkpoint ID --out DIR [--raw] [--float16] [--overwrite | --keep-both]
            Write a checkpoint's generator as a TF.js bundle (model.json,
            weights, README.md, bundle.json; layers.js for custom layers);
            --raw: a FastGAN's or DCGAN's generator rather than its
            moving average.
  models import PATH [--checkpoint ID] [--name NAME]
            Import a bundle folder, a checkpoint file, or a project folder's
            checkpoint ID as a new run; models inspect PATH says what it holds.
  export (--outputs 1,2,3 | --collection NAME) --out DIR|FILE.zip
        [--format png|jpeg|webp|avif|tiff] [--quality 1-100]
        [--size original|1024|WxH|long-2048|instagram-square…]
        [--fit cover|contain|inside|fill]
        [--template "{collection}-{seed}-{index}"]
        [--overwrite | --keep-both | --skip]
            Export gallery images into DIR or one ZIP, resized with lanczos3, in
            sRGB, each carrying its provenance (XMP, and EXIF where the format
            has it). Template fields: {name} {id} {index} {collection} {tool}
            {seed} {class} {truncation} {checkpoint} {step} {run} {rating}
            {date} {time}. Never overwrites unless told; Ctrl+C cancels.
  export (--outputs … | --collection …) --contact-sheet FILE [--columns N]
        [--cell PX] [--captions "{seed} · step {step}"]
  export (--outputs … | --collection …) --sprite-sheet FILE.png|.webp
        [--columns N] [--cell PX] [--padding PX] [--template …]
            One grid image with captions; or a sprite sheet with a JSON atlas
            (TexturePacker hash) beside it as FILE.json.
  recall FILE [--keep]
            What an exported image carries: its provenance, the checkpoint and
            latent it was made with, and whether they are in this project
            (--keep adds it to the gallery when its output is not). Exits 1
            when the image carries no provenance.
  latents [list] | latents save NAME LATENT --checkpoint ID
        | latents rename ID NAME | latents forget ID
            Saved latents, by name, for every tool.

  A LATENT is a seed (42), an image's latent (output:17) or a saved one
  (saved:3). sample, interpolate and mix also take --truncation PSI (0–1,
  toward the average image), --class K (conditional models) and --ema/--no-ema.

Options for every command:
  --json      machine-readable output on stdout (train: JSON Lines, each
              metric point as it is recorded, then the run)
  --backend tensorflow-gpu|tensorflow|wasm|cpu
              compute on this backend instead of the fastest that loads
  --help      this text
  --version   the version
`;
