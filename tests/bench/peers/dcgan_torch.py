"""
The PyTorch peer of tests/bench/training.bench.ts: the same DCGAN, the same
one training step and the same sampling, timed on the CPU.

The networks follow main/engine/models/dcgan.ts layer for layer: a bias-free
dense "project and reshape", batch norm (momentum 0.1 in PyTorch's terms,
eps 1e-5), ReLU, 4×4 stride-2 transposed convolutions ('same' = padding 1)
to a tanh output with a bias; a discriminator of 4×4 stride-2 convolutions
with LeakyReLU 0.2, minibatch standard deviation (groups of up to 4) before
the flattened logit, and no batch norm (the engine drops it when minibatch
std is on). Weights start as N(0, 0.02), batch-norm scales as N(1, 0.02).

One training step is main/engine/train/steps.ts: a discriminator step
(non-saturating loss in softplus form on real and generated images, the
generator run in training mode without a gradient, its batch-norm running
statistics put back) and then a generator step (the discriminator's weights
get no gradient, its statistics are put back), each with its own Adam
(lr 2e-4, betas (0.5, 0.999)). DiffAugment (colour, translation, cutout) is
applied to every image the discriminator sees, as the engine's default
config does; the engine builds its translation from matrix products and
draws the parameters in JavaScript, this peer uses the usual PyTorch form
(a padded gather and a mask). Synthetic data, drawn inside the step, as
main/engine/train/timing.ts does.

Sampling is main/engine/latent/generate.ts: the generator in inference mode
(eval, torch.inference_mode), latents made beforehand, output converted to
uint8 NHWC pixels.

Drawing, for tests/bench/explore.bench.ts, is what Explore does with a
loaded generator (main/engine/latent/render.ts, generate.ts): a generator of
any resolution in eval mode, under torch.inference_mode, latents made
beforehand, in batches of 32, each converted to uint8 NHWC pixels; with a
truncation ψ < 1 the first block's features (after g_dense_relu) move toward
their mean, estimated once from 4096 latents, by 1 − ψ before the rest runs.

Run: python3 tests/bench/peers/dcgan_torch.py [--threads N] [--warmup N] [--steps N]
     [--sample-runs N] [--models 64,32] [--profile]
or --serve, for the TF.js benchmarks: it then takes one JSON request a line on
stdin (setup, step, sample, profile, info, quit; and draw-setup, draw,
draw-profile for drawing), so that a benchmark can alternate PyTorch's steps
with TF.js's on a machine that others share.
It reports which BLAS library the process really loaded (from /proc/self/maps),
since torch.__config__.show() says only BLAS_INFO=generic for Debian's build.
"""

import argparse
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MODELS = {
    # name: (resolution, batch size)
    '64': (64, 32),
    '32': (32, 64),
}
WIDTH = 64
CHANNELS = 3
LATENT = 128
SAMPLE_COUNT = 64
# main/engine/latent/generate.ts draws in batches of this many; truncation.ts estimates the mean from these.
DRAW_BATCH = 32
MEAN_SAMPLES, MEAN_BATCH = 4096, 512


class MinibatchStdDev(nn.Module):
    """ProGAN's feature: the mean standard deviation across a group of up to 4 images, as one more channel."""

    def __init__(self, group_size=4):
        super().__init__()
        self.group_size = group_size

    def forward(self, x):
        n, c, h, w = x.shape
        group = next(g for g in range(min(self.group_size, n), 0, -1) if n % g == 0)
        grouped = x.reshape(group, n // group, c, h, w)
        std = torch.sqrt(grouped.var(dim=0, unbiased=False) + 1e-8)
        per_group = std.mean(dim=(1, 2, 3))  # [n / group]
        per_image = per_group.repeat(group).reshape(n, 1, 1, 1).expand(n, 1, h, w)
        return torch.cat([x, per_image], dim=1)


def steps_for(resolution):
    return {32: 3, 64: 4, 128: 5}[resolution]


class Generator(nn.Module):
    def __init__(self, resolution):
        super().__init__()
        self.widest = WIDTH * resolution // 8
        self.dense = nn.Linear(LATENT, 4 * 4 * self.widest, bias=False)
        self.dense_bn = nn.BatchNorm2d(self.widest, momentum=0.1, eps=1e-5)
        layers = []
        steps = steps_for(resolution)
        for step in range(1, steps + 1):
            last = step == steps
            cin = self.widest // 2 ** (step - 1)
            cout = CHANNELS if last else self.widest // 2 ** step
            layers.append(nn.ConvTranspose2d(cin, cout, 4, stride=2, padding=1, bias=last))
            layers.append(nn.Tanh() if last else nn.BatchNorm2d(cout, momentum=0.1, eps=1e-5))
            if not last:
                layers.append(nn.ReLU())
        self.up = nn.Sequential(*layers)

    def forward(self, z):
        x = self.dense(z).reshape(-1, self.widest, 4, 4)
        return self.up(F.relu(self.dense_bn(x)))


class Discriminator(nn.Module):
    def __init__(self, resolution):
        super().__init__()
        layers = []
        cin = CHANNELS
        steps = steps_for(resolution)
        for step in range(1, steps + 1):
            cout = WIDTH * 2 ** (step - 1)
            layers += [nn.Conv2d(cin, cout, 4, stride=2, padding=1, bias=True), nn.LeakyReLU(0.2)]
            cin = cout
        layers.append(MinibatchStdDev())
        self.features = nn.Sequential(*layers)
        self.logit = nn.Linear((cin + 1) * 4 * 4, 1)

    def forward(self, x):
        return self.logit(torch.flatten(self.features(x), 1))


def initialise(module):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


# DiffAugment (Zhao et al. 2020), on NCHW images in [-1, 1], one draw per image.
def augment(x):
    n, _, h, w = x.shape
    # Colour: brightness, saturation, contrast.
    x = x + (torch.rand(n, 1, 1, 1) - 0.5)
    grey = x.mean(dim=1, keepdim=True)
    x = (x - grey) * (torch.rand(n, 1, 1, 1) * 2) + grey
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * (torch.rand(n, 1, 1, 1) + 0.5) + mean
    # Translation by up to 1/8 of the side, zero-filled: a gather from the image padded by one zero pixel.
    shift = round(h / 8)
    rows = torch.randint(-shift, shift + 1, (n, 1, 1))
    cols = torch.randint(-shift, shift + 1, (n, 1, 1))
    batch, grid_r, grid_c = torch.meshgrid(torch.arange(n), torch.arange(h), torch.arange(w), indexing='ij')
    grid_r = torch.clamp(grid_r - rows + 1, 0, h + 1)
    grid_c = torch.clamp(grid_c - cols + 1, 0, w + 1)
    padded = F.pad(x, [1, 1, 1, 1]).permute(0, 2, 3, 1)
    x = padded[batch, grid_r, grid_c].permute(0, 3, 1, 2)
    # Cutout: a zeroed square of half the side, centred anywhere in the image.
    size = round(h / 2)
    centre_r = torch.randint(0, h + 1, (n, 1, 1))
    centre_c = torch.randint(0, w + 1, (n, 1, 1))
    r = torch.arange(h).reshape(1, h, 1)
    c = torch.arange(w).reshape(1, 1, w)
    inside = (r >= centre_r - size // 2) & (r < centre_r - size // 2 + size) & (c >= centre_c - size // 2) & (c < centre_c - size // 2 + size)
    return x * (~inside).unsqueeze(1).to(x.dtype)


def running_statistics(model):
    return [b.clone() for b in model.buffers()]


def restore_statistics(model, saved):
    with torch.no_grad():
        for buffer, value in zip(model.buffers(), saved):
            buffer.copy_(value)


class Trainer:
    def __init__(self, resolution, batch):
        torch.manual_seed(1)
        self.resolution, self.batch = resolution, batch
        self.g, self.d = Generator(resolution), Discriminator(resolution)
        initialise(self.g)
        initialise(self.d)
        self.g.train()
        self.d.train()
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step(self):
        n, res = self.batch, self.resolution
        real = torch.rand(n, CHANNELS, res, res) * 2 - 1

        # Discriminator step: the generator runs in training mode, with no gradient, and its statistics are put back.
        saved = running_statistics(self.g)
        with torch.no_grad():
            fake = augment(self.g(torch.randn(n, LATENT)))
        restore_statistics(self.g, saved)
        self.opt_d.zero_grad(set_to_none=True)
        real_logits = self.d(augment(real))
        fake_logits = self.d(fake)
        loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
        loss_d.backward()
        self.opt_d.step()
        summary = torch.stack([loss_d.detach(), real_logits.detach().mean(), fake_logits.detach().mean(), real_logits.detach().sign().mean()])
        summary.tolist()

        # Generator step: gradients reach the generator's weights only.
        self.d.requires_grad_(False)
        self.opt_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-self.d(augment(self.g(torch.randn(n, LATENT))))).mean()
        loss_g.backward()
        self.opt_g.step()
        self.d.requires_grad_(True)
        return loss_d.item(), loss_g.item()

    def sample(self, latents):
        self.g.eval()
        try:
            with torch.inference_mode():
                pixels = to_pixels(self.g(latents))
            return pixels
        finally:
            self.g.train()


def to_pixels(images):
    """Generator output in [-1, 1] → uint8 NHWC pixels, as imagesToPixels and the copy out of the tensor do."""
    return torch.clamp(torch.round((images + 1) * 127.5), 0, 255).to(torch.uint8).permute(0, 2, 3, 1).contiguous()


class Drawer:
    """A generator of one resolution as Explore draws with it: eval mode, batches of DRAW_BATCH, optional truncation."""

    def __init__(self, resolution):
        torch.manual_seed(1)
        self.g = Generator(resolution)
        initialise(self.g)
        self.g.eval()
        self.mean = None

    def head(self, z):
        """z → the first block's features (main/engine/latent/loaded-generator.ts splits at g_dense_relu)."""
        return F.relu(self.g.dense_bn(self.g.dense(z).reshape(-1, self.g.widest, 4, 4)))

    def mean_features(self):
        if self.mean is None:
            generator = torch.Generator().manual_seed(0x6d65616e)
            total = None
            for _ in range(0, MEAN_SAMPLES, MEAN_BATCH):
                batch = self.head(torch.randn(MEAN_BATCH, LATENT, generator=generator)).sum(dim=0)
                total = batch if total is None else total + batch
            self.mean = total / MEAN_SAMPLES
        return self.mean

    def draw(self, latents, truncation):
        pixels = []
        with torch.inference_mode():
            for start in range(0, latents.shape[0], DRAW_BATCH):
                z = latents[start:start + DRAW_BATCH]
                if truncation == 1:
                    images = self.g(z)
                else:
                    mean = self.mean_features()
                    images = self.g.up(mean + truncation * (self.head(z) - mean))
                pixels.append(to_pixels(images))
        return torch.cat(pixels)


def timed_once(run):
    """Wall seconds of one run, and the CPU seconds the process spent meanwhile (all its threads)."""
    cpu = time.process_time()
    start = time.perf_counter()
    run()
    return {'seconds': time.perf_counter() - start, 'cpuSeconds': time.process_time() - cpu}


def loaded_blas():
    """The BLAS/LAPACK/oneDNN shared objects this process has really mapped."""
    found = set()
    with open('/proc/self/maps') as maps:
        for line in maps:
            fields = line.split()
            if len(fields) < 6:
                continue
            name = os.path.basename(fields[-1])
            if any(key in name for key in ('blas', 'lapack', 'dnnl', 'mkl', 'gomp')):
                found.add(os.path.realpath(fields[-1]))
    return sorted(found)


def blas_info_line():
    for part in torch.__config__.show().replace('\n', ',').split(','):
        if 'BLAS_INFO' in part:
            return part.split(':')[-1].strip()
    return 'BLAS_INFO not reported'


def info():
    return {
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'blasInfo': blas_info_line(),
        'mkldnn': torch.backends.mkldnn.is_available(),
        # oneDNN is mapped on the first convolution: ask after one.
        'loaded': loaded_blas(),
        'ldLibraryPath': os.environ.get('LD_LIBRARY_PATH', ''),
    }


def profile_step(trainer, top=12):
    return profile_ops(trainer.step, top)


def profile_ops(run, top=12):
    from torch.profiler import ProfilerActivity, profile
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        run()
    rows = [{'name': e.key, 'selfMs': e.self_cpu_time_total / 1000, 'count': e.count} for e in prof.key_averages()]
    rows.sort(key=lambda r: -r['selfMs'])
    return rows[:top]


class Session:
    """One model at a time, driven step by step: by the command line, or by the TF.js benchmark over stdin."""

    def __init__(self):
        self.trainer = None
        self.latents = torch.randn(SAMPLE_COUNT, LATENT)
        self.drawers = {}
        self.drawing = None

    def handle(self, request):
        command = request['cmd']
        if command == 'setup':
            resolution, batch = MODELS[request['model']]
            self.trainer = Trainer(resolution, batch)
            return {'batch': batch}
        if command == 'step':
            return timed_once(self.trainer.step)
        if command == 'sample':
            return timed_once(lambda: self.trainer.sample(self.latents))
        if command == 'profile':
            return {'ops': profile_step(self.trainer)}
        if command == 'info':
            return info()
        if command == 'draw-setup':
            # Drawing: {resolution, count, truncation}; the generator of each resolution is built once.
            resolution = int(request['resolution'])
            if resolution not in self.drawers:
                self.drawers[resolution] = Drawer(resolution)
            drawer = self.drawers[resolution]
            latents = torch.randn(int(request['count']), LATENT, generator=torch.Generator().manual_seed(2))
            truncation = float(request.get('truncation', 1))
            # The feature mean that truncation needs is estimated here, once per generator, and timed apart.
            started = time.perf_counter()
            if truncation != 1:
                with torch.inference_mode():
                    drawer.mean_features()
            mean_seconds = time.perf_counter() - started
            self.drawing = lambda: drawer.draw(latents, truncation)
            return {'count': latents.shape[0], 'meanSeconds': mean_seconds}
        if command == 'draw':
            return timed_once(self.drawing)
        if command == 'draw-profile':
            return {'ops': profile_ops(self.drawing)}
        raise ValueError(f'unknown command {command}')


def serve(session):
    """One JSON request a line on stdin, one reply a line on stdout, marked '@@ ' so that nothing else is taken for one."""
    import sys
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request['cmd'] == 'quit':
            return
        try:
            reply = session.handle(request)
        except Exception as error:  # reported to the benchmark, which says what failed
            reply = {'error': f'{type(error).__name__}: {error}'}
        sys.stdout.write('@@ ' + json.dumps(reply) + '\n')
        sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--serve', action='store_true', help='take requests on stdin (used by tests/bench/training.bench.ts and explore.bench.ts)')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--steps', type=int, default=5)
    parser.add_argument('--sample-runs', type=int, default=3)
    parser.add_argument('--models', default='64,32')
    parser.add_argument('--profile', action='store_true', help='also profile one DCGAN-64 training step')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    # A matrix product first, so that the BLAS library is mapped before anyone looks.
    torch.mm(torch.rand(64, 64), torch.rand(64, 64))
    session = Session()
    if args.serve:
        serve(session)
        return

    for name in [m for m in args.models.split(',') if m]:
        batch = session.handle({'cmd': 'setup', 'model': name})['batch']
        for _ in range(args.warmup):
            session.handle({'cmd': 'step'})
        steps = [session.handle({'cmd': 'step'}) for _ in range(args.steps)]
        session.handle({'cmd': 'sample'})
        samples = [session.handle({'cmd': 'sample'}) for _ in range(args.sample_runs)]
        step = statistics.median(r['seconds'] for r in steps)
        sample = statistics.median(r['seconds'] for r in samples)
        cores = sum(r['cpuSeconds'] for r in steps) / sum(r['seconds'] for r in steps)
        print(f"DCGAN-{name}: {step:.3f} s/step, {1 / step:.2f} steps/s, {2 * batch / step:.1f} training images/s "
              f"({cores:.1f} cores); sampling {SAMPLE_COUNT / sample:.1f} images/s")
        if args.profile and name == '64':
            for row in session.handle({'cmd': 'profile'})['ops']:
                print(f"  {row['name']:<40} {row['selfMs']:9.1f} ms  ×{row['count']}")
    i = info()
    print(f"PyTorch {i['torch']}, {i['threads']} threads, {i['blasInfo']}, mkldnn {i['mkldnn']}")
    print('loaded: ' + ', '.join(i['loaded']))


if __name__ == '__main__':
    main()
