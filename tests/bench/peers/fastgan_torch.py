"""
The PyTorch peer of the studio's FastGAN: the same networks and the same
training recipe, so a benchmark can train both on the same data for the same
steps and compare the samples' SWD with the studio's own metric code.

The networks follow main/engine/models/fastgan-*.ts layer for layer, with
the channel counts of fastgan-shape.ts:

- generator: a bias-free linear "project" of z (and, when conditional, a
  learnt class code, N(0, 1), concatenated to it) to 4×4, batch norm, GLU;
  per doubling a ×2 resize (--upsample: bilinear with half-pixel centres, the
  studio's default, or nearest, the paper's) and one 3×3 convolution → BN → GLU (two
  at 8, 32, 128 and 512 px; no noise injection); skip-layer excitation of
  every map from 64 px on by the map 16× smaller (adaptive average pool to
  4×4, 4×4 valid conv, swish, 1×1 conv, sigmoid, channel-wise product); a 3×3
  convolution and tanh;
- discriminator: 4×4 stride-2 convolutions with LeakyReLU 0.2 until the side
  is at most 256 (batch norm on all but the first), then DownBlockComp (main
  path 4×4/2 conv, BN, LReLU, 3×3 conv, BN, LReLU; direct path 2×2 average
  pool, 1×1 conv, BN, LReLU; averaged) down to 8×8, with skip-layer
  excitation of the 32, 16 and 8 px maps by the map 8× larger where there is
  one; logits from a 1×1 conv, BN, LReLU and a 4×4 valid conv: 5×5 per image;
  conditional: a projection of the globally pooled 8×8 features added to
  every logit;
- decoders: from the 8×8 features (the whole image) and from one 8×8 quadrant
  of the 16×16 features (that quadrant of the image), per doubling nearest ×2,
  3×3 conv, BN, GLU, to half the image's side (at most 128), then 3×3 conv, tanh.

Every convolution is bias-free; kernels start as N(0, 0.02), batch-norm
scales as N(1, 0.02) and shifts at 0; batch norm is PyTorch's default
(momentum 0.1, eps 1e-5), as the studio sets tfjs's. No spectral norm.

One step is main/engine/train/fastgan/train-step.ts: the discriminator step
(hinge, mean relu(1 − D(real)) + mean relu(1 + D(fake)) over all 25 logits,
plus the reconstruction weight × the decoders' mean absolute error against
the augmented real image, and its quadrant, scaled down by area averaging;
the generator runs in training mode without a gradient and its running
statistics are put back), then the generator step (−mean D(fake), the
discriminator's statistics put back, its weights given no gradient), each
side with its own Adam; then the moving average of every generator weight,
batch-norm statistics included, with decay min(decay, (1 + t) / (10 + t)).
DiffAugment (colour, translation by up to 1/8, cutout of half the side) is
drawn per image, fresh for the real batch, the discriminator's fakes and the
generator's fakes; one quadrant per step. The randomness is PyTorch's,
seeded, not the studio's SeededRandom: the two runs are the same recipe,
not the same numbers.

The samples come from the moving average in eval mode, as the studio draws
them, and are written as uint8 NHWC (samples.npy) and a PNG grid (grid.png).

Run: /usr/bin/python3 tests/bench/peers/fastgan_torch.py --data DATA --resolution 32
       --steps N --batch B --width W --seed S --out DIR [--latent 128] [--classes 0]
       [--augment translation,cutout,colour] [--samples 256] [--threads N]
DATA: a .npy of uint8 images, [N, H, W] or [N, H, W, C], or an IDX image file
(.gz too), e.g. /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz.
Images whose side is not the resolution are resized (bicubic, antialiased);
feed the studio's own prepared images for an exact comparison. With
--classes > 0, --labels names the labels (.npy or IDX).
Set LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp for Debian's
OpenBLAS, and OMP_NUM_THREADS=1 when others share the machine.
"""

import argparse
import gzip
import json
import math
import os
import struct
import time
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

GENERATOR_MULTIPLES = {4: 16, 8: 8, 16: 4, 32: 2, 64: 2, 128: 1, 256: 0.5, 512: 0.25, 1024: 0.125}


# --- sizes: main/engine/models/fastgan-shape.ts ---

def generator_channels(width, side):
    return max(1, math.floor(GENERATOR_MULTIPLES[side] * width))


def discriminator_channels(width, side):
    return max(1, (width * 64) // side)


def decoder_channels(width, side):
    return max(1, math.floor(GENERATOR_MULTIPLES[side] * width / 2))


def discriminator_sides(resolution):
    stem, side = [], resolution
    while True:
        side //= 2
        stem.append(side)
        if side <= 256:
            break
    blocks = []
    while side > 8:
        side //= 2
        blocks.append(side)
    return stem, blocks


def reconstruction_side(resolution):
    return min(resolution // 2, 128)


# --- layers ---

def conv(cin, cout, kernel, stride=1, padding=0):
    """Bias-free; tfjs's 'same' is padding 1 for 3×3 and for 4×4 stride 2 on even sides."""
    return nn.Conv2d(cin, cout, kernel, stride, padding, bias=False)


def batch_norm(channels):
    return nn.BatchNorm2d(channels, momentum=0.1, eps=1e-5)


class GLU(nn.Module):
    def forward(self, x):
        signal, gate = x.chunk(2, dim=1)
        return signal * torch.sigmoid(gate)


def conv_bn_glu(cin, cout):
    return [conv(cin, 2 * cout, 3, padding=1), batch_norm(2 * cout), GLU()]


def up_block(cin, cout, convolutions, resize='nearest'):
    # align_corners=False is the half-pixel rule of main/engine/models/bilinear-upsample.ts.
    upsample = nn.Upsample(scale_factor=2, mode=resize, **({'align_corners': False} if resize == 'bilinear' else {}))
    layers = [upsample] + conv_bn_glu(cin, cout)
    if convolutions == 2:
        layers += conv_bn_glu(cout, cout)
    return nn.Sequential(*layers)


class SkipLayerExcitation(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = conv(cin, cout, 4)
        self.conv2 = conv(cout, cout, 1)

    def forward(self, source, target):
        gate = self.conv1(F.adaptive_avg_pool2d(source, 4))
        gate = torch.sigmoid(self.conv2(gate * torch.sigmoid(gate)))
        return target * gate


class Generator(nn.Module):
    def __init__(self, resolution, channels, latent, width, classes, resize):
        super().__init__()
        self.initial = generator_channels(width, 4)
        self.class_embedding = nn.Linear(classes, latent, bias=False) if classes else None
        self.classes = classes
        self.project = nn.Linear(latent * (2 if classes else 1), 16 * 2 * self.initial, bias=False)
        self.project_bn = batch_norm(2 * self.initial)
        self.levels = []
        side, cin = 8, self.initial
        self.ups, self.excites = nn.ModuleDict(), nn.ModuleDict()
        while side <= resolution:
            cout = generator_channels(width, side)
            self.ups[str(side)] = up_block(cin, cout, 2 if int(math.log2(side)) % 2 == 1 else 1, resize)
            if side >= 64:
                self.excites[str(side)] = SkipLayerExcitation(generator_channels(width, side // 16), cout)
            self.levels.append(side)
            side, cin = side * 2, cout
        self.output = conv(cin, channels, 3, padding=1)

    def forward(self, z, labels=None):
        if self.classes:
            z = torch.cat([z, self.class_embedding(F.one_hot(labels, self.classes).float())], dim=1)
        # The studio's dense output is reshaped [4, 4, channels] (NHWC).
        x = self.project(z).view(-1, 4, 4, 2 * self.initial).permute(0, 3, 1, 2)
        x = GLU()(self.project_bn(x))
        maps = {4: x}
        for side in self.levels:
            x = self.ups[str(side)](x)
            if side >= 64:
                x = self.excites[str(side)](maps[side // 16], x)
            maps[side] = x
        return torch.tanh(self.output(x))


class DownBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.main = nn.Sequential(conv(cin, cout, 4, 2, 1), batch_norm(cout), nn.LeakyReLU(0.2),
                                  conv(cout, cout, 3, padding=1), batch_norm(cout), nn.LeakyReLU(0.2))
        self.direct = nn.Sequential(nn.AvgPool2d(2, 2), conv(cin, cout, 1), batch_norm(cout), nn.LeakyReLU(0.2))

    def forward(self, x):
        return (self.main(x) + self.direct(x)) / 2


class Discriminator(nn.Module):
    def __init__(self, resolution, channels, width, classes):
        super().__init__()
        self.stem_sides, self.block_sides = discriminator_sides(resolution)
        stem, cin = [], channels
        for index, side in enumerate(self.stem_sides):
            cout = discriminator_channels(width, side)
            stem += [conv(cin, cout, 4, 2, 1)] + ([batch_norm(cout)] if index > 0 else []) + [nn.LeakyReLU(0.2)]
            cin = cout
        self.stem = nn.Sequential(*stem)
        self.blocks, self.excites = nn.ModuleDict(), nn.ModuleDict()
        largest = self.stem_sides[-1]
        for side in self.block_sides:
            cout = discriminator_channels(width, side)
            self.blocks[str(side)] = DownBlock(cin, cout)
            if side <= 32 and side * 8 <= largest:
                self.excites[str(side)] = SkipLayerExcitation(discriminator_channels(width, side * 8), cout)
            cin = cout
        self.logits = nn.Sequential(conv(cin, 16 * width, 1), batch_norm(16 * width), nn.LeakyReLU(0.2), conv(16 * width, 1, 4))
        self.classes = classes
        self.class_embedding = nn.Linear(classes, cin, bias=False) if classes else None

    def forward(self, images, labels=None):
        x = self.stem(images)
        maps = {self.stem_sides[-1]: x}
        for side in self.block_sides:
            x = self.blocks[str(side)](x)
            if str(side) in self.excites:
                x = self.excites[str(side)](maps[side * 8], x)
            maps[side] = x
        logits = self.logits(x)
        if self.classes:
            direction = self.class_embedding(F.one_hot(labels, self.classes).float())
            logits = logits + (direction * x.mean(dim=(2, 3))).sum(dim=1).view(-1, 1, 1, 1)
        return logits, x, maps[16]


class Decoder(nn.Module):
    def __init__(self, resolution, channels, width, cin):
        super().__init__()
        layers, side = [], 16
        while side <= reconstruction_side(resolution):
            cout = decoder_channels(width, side)
            layers.append(up_block(cin, cout, 1))
            side, cin = side * 2, cout
        self.main = nn.Sequential(*layers, conv(cin, channels, 3, padding=1), nn.Tanh())

    def forward(self, features):
        return self.main(features)


def initialise(module, class_embedding_std):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
    if getattr(module, 'class_embedding', None) is not None:
        nn.init.normal_(module.class_embedding.weight, 0.0, class_embedding_std)


# --- DiffAugment: main/engine/train/augment.ts, on NCHW images in [-1, 1], one draw per image ---

def augment(x, policy, generator):
    n, _, h, w = x.shape
    rand = lambda *shape: torch.rand(*shape, generator=generator)
    randint = lambda low, high: torch.randint(low, high, (n, 1, 1), generator=generator)
    if 'colour' in policy:
        x = x + (rand(n, 1, 1, 1) - 0.5)
        grey = x.mean(dim=1, keepdim=True)
        x = (x - grey) * (rand(n, 1, 1, 1) * 2) + grey
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        x = (x - mean) * (rand(n, 1, 1, 1) + 0.5) + mean
    if 'translation' in policy:
        # Rows down and columns right by up to 1/8 of the side, zero-filled: a gather from the image padded by one zero pixel.
        shift = round(h / 8)
        rows, cols = randint(-shift, shift + 1), randint(-shift, shift + 1)
        batch, grid_r, grid_c = torch.meshgrid(torch.arange(n), torch.arange(h), torch.arange(w), indexing='ij')
        grid_r = torch.clamp(grid_r - rows + 1, 0, h + 1)
        grid_c = torch.clamp(grid_c - cols + 1, 0, w + 1)
        x = F.pad(x, [1, 1, 1, 1]).permute(0, 2, 3, 1)[batch, grid_r, grid_c].permute(0, 3, 1, 2)
    if 'cutout' in policy:
        size = round(h / 2)
        top, left = randint(0, h + 1) - size // 2, randint(0, w + 1) - size // 2
        r, c = torch.arange(h).reshape(1, h, 1), torch.arange(w).reshape(1, 1, w)
        inside = (r >= top) & (r < top + size) & (c >= left) & (c < left + size)
        x = x * (~inside).unsqueeze(1).to(x.dtype)
    return x


# --- reconstruction: main/engine/train/fastgan/reconstruction.ts ---

def quadrant_of(x, quadrant):
    """0 top left, 1 top right, 2 bottom left, 3 bottom right."""
    h, w = x.shape[2] // 2, x.shape[3] // 2
    top, left = (quadrant // 2) * h, (quadrant % 2) * w
    return x[:, :, top:top + h, left:left + w]


def area_resize(images, side):
    factor = images.shape[2] // side
    return images if factor == 1 else F.avg_pool2d(images, factor)


def reconstruction_loss(decoders, features8, features16, real, quadrant):
    side = reconstruction_side(real.shape[2])
    whole = (decoders['whole'](features8) - area_resize(real, side)).abs().mean()
    part = (decoders['part'](quadrant_of(features16, quadrant)) - area_resize(quadrant_of(real, quadrant), side)).abs().mean()
    return whole + part


# --- training: main/engine/train/fastgan/{context,steps,train-step}.ts ---

def running_statistics(model):
    return [b.clone() for b in model.buffers()]


def restore_statistics(model, saved):
    with torch.no_grad():
        for buffer, value in zip(model.buffers(), saved):
            buffer.copy_(value)


class Trainer:
    def __init__(self, args, channels):
        torch.manual_seed(args.seed)
        self.args, self.channels = args, channels
        self.random = torch.Generator().manual_seed(args.seed + 1)
        res, width, classes = args.resolution, args.width, args.classes
        self.g = Generator(res, channels, args.latent, width, classes, args.upsample)
        self.d = Discriminator(res, channels, width, classes)
        self.decoders = nn.ModuleDict({
            'whole': Decoder(res, channels, width, discriminator_channels(width, 8)),
            'part': Decoder(res, channels, width, discriminator_channels(width, 16)),
        })
        initialise(self.g, 1.0)
        initialise(self.d, 0.02)
        initialise(self.decoders, 0.02)
        self.ema = Generator(res, channels, args.latent, width, classes, args.upsample)
        self.ema.load_state_dict(self.g.state_dict())
        self.ema.eval()
        for module in (self.g, self.d, self.decoders):
            module.train()
        betas = tuple(args.betas)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=args.lr_g, betas=betas)
        self.opt_d = torch.optim.Adam(list(self.d.parameters()) + list(self.decoders.parameters()), lr=args.lr_d, betas=betas)
        self.policy = set(filter(None, args.augment.split(',')))

    def noise(self):
        return torch.randn(self.args.batch, self.args.latent, generator=self.random)

    def fake_labels(self):
        return torch.randint(0, self.args.classes, (self.args.batch,), generator=self.random) if self.args.classes else None

    def step(self, real, real_labels, step):
        # Discriminator step: the generator runs in training mode, with no gradient, and its statistics are put back.
        saved = running_statistics(self.g)
        with torch.no_grad():
            fake = augment(self.g(self.noise(), fake_labels := self.fake_labels()), self.policy, self.random)
        restore_statistics(self.g, saved)
        real = augment(real, self.policy, self.random)
        quadrant = int(torch.randint(0, 4, (1,), generator=self.random))
        self.opt_d.zero_grad(set_to_none=True)
        real_logits, features8, features16 = self.d(real, real_labels)
        fake_logits = self.d(fake, fake_labels)[0]
        reconstruction = reconstruction_loss(self.decoders, features8, features16, real, quadrant)
        loss_d = F.relu(1 - real_logits).mean() + F.relu(1 + fake_logits).mean() + self.args.reconstruction_weight * reconstruction
        loss_d.backward()
        self.opt_d.step()
        result = {
            'lossD': loss_d.item(), 'dReal': real_logits.detach().mean().item(), 'dFake': fake_logits.detach().mean().item(),
            'signReal': real_logits.detach().sign().mean().item(), 'reconstruction': reconstruction.item(),
        }

        # Generator step: gradients reach the generator's weights only; the discriminator's statistics are put back.
        saved = running_statistics(self.d)
        self.d.requires_grad_(False)
        self.opt_g.zero_grad(set_to_none=True)
        fake_labels = self.fake_labels()
        loss_g = -self.d(augment(self.g(self.noise(), fake_labels), self.policy, self.random), fake_labels)[0].mean()
        loss_g.backward()
        self.opt_g.step()
        self.d.requires_grad_(True)
        restore_statistics(self.d, saved)
        result['lossG'] = loss_g.item()

        # The moving average of every weight, batch-norm statistics included (main/engine/train/ema.ts).
        decay = min(self.args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for average, latest in zip(self.ema.state_dict().values(), self.g.state_dict().values()):
                if average.dtype.is_floating_point:
                    average.copy_(latest + (average - latest) * decay)
        return result

    def sample(self, count):
        """uint8 NHWC pixels from the moving average in eval mode, as the studio draws."""
        generator = torch.Generator().manual_seed(0x5eed)
        out = []
        with torch.inference_mode():
            for start in range(0, count, 64):
                n = min(64, count - start)
                z = torch.randn(n, self.args.latent, generator=generator)
                labels = torch.arange(start, start + n) % self.args.classes if self.args.classes else None
                images = self.ema(z, labels)
                out.append(torch.clamp(torch.round((images + 1) * 127.5), 0, 255).to(torch.uint8).permute(0, 2, 3, 1))
        return torch.cat(out).numpy()


# --- data ---

def read_idx(path):
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as file:
        data = file.read()
    _, dtype, dims = struct.unpack('>HBB', data[:4])
    if dtype != 0x08:
        raise ValueError(f'{path}: only unsigned-byte IDX files are supported')
    shape = struct.unpack('>' + 'I' * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def read_array(path):
    return np.load(path) if path.endswith('.npy') else read_idx(path)


def load_images(path, resolution, limit):
    """uint8 [N, H, W(, C)] → float NCHW in [-1, 1] at the resolution; the first `limit` only, when not 0."""
    pixels = read_array(path)
    if limit:
        pixels = pixels[:limit]
    if pixels.ndim == 3:
        pixels = pixels[..., None]
    images = torch.from_numpy(np.array(pixels)).permute(0, 3, 1, 2).float() / 127.5 - 1
    if images.shape[2] != resolution or images.shape[3] != resolution:
        images = torch.clamp(F.interpolate(images, size=(resolution, resolution), mode='bicubic', antialias=True, align_corners=False), -1, 1)
    return images


class Batches:
    """A fresh shuffle each epoch, the last partial batch skipped, as main/engine/train/data.ts."""

    def __init__(self, count, batch, seed):
        self.count, self.batch = count, batch
        self.generator = torch.Generator().manual_seed(seed)
        self.order, self.index = torch.randperm(count, generator=self.generator), 0

    def next(self):
        if self.index + self.batch > self.count:
            self.order, self.index = torch.randperm(self.count, generator=self.generator), 0
        indexes = self.order[self.index:self.index + self.batch]
        self.index += self.batch
        return indexes


# --- output ---

def write_png(path, pixels):
    """An 8-bit greyscale or RGB PNG from [H, W, C] uint8, with nothing but zlib."""
    height, width, channels = pixels.shape
    colour_type = {1: 0, 3: 2}[channels]
    raw = b''.join(b'\x00' + pixels[row].tobytes() for row in range(height))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

    with open(path, 'wb') as file:
        file.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, colour_type, 0, 0, 0))
                   + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def grid_of(samples, columns):
    n, h, w, c = samples.shape
    rows = math.ceil(n / columns)
    grid = np.zeros((rows * h, columns * w, c), dtype=np.uint8)
    for index, image in enumerate(samples):
        top, left = (index // columns) * h, (index % columns) * w
        grid[top:top + h, left:left + w] = image
    return grid


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', required=True, help='a .npy of uint8 images or an IDX image file (.gz too)')
    parser.add_argument('--labels', help='with --classes: a .npy or IDX file of the class of each image')
    parser.add_argument('--resolution', type=int, default=32)
    parser.add_argument('--steps', type=int, default=100)
    parser.add_argument('--batch', type=int, default=8)
    parser.add_argument('--width', type=int, default=16)
    parser.add_argument('--latent', type=int, default=128)
    parser.add_argument('--classes', type=int, default=0)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--lr-g', type=float, default=2e-4)
    parser.add_argument('--lr-d', type=float, default=2e-4)
    parser.add_argument('--betas', type=float, nargs=2, default=[0.5, 0.999])
    parser.add_argument('--ema', type=float, default=0.999)
    parser.add_argument('--upsample', choices=['bilinear', 'nearest'], default='bilinear')
    parser.add_argument('--reconstruction-weight', type=float, default=1.0)
    parser.add_argument('--augment', default='translation,cutout,colour', help="any of translation, cutout, colour, comma-separated; '' for none")
    parser.add_argument('--limit', type=int, default=0, help='train on the first N images only (0: all)')
    parser.add_argument('--samples', type=int, default=256)
    parser.add_argument('--log-every', type=int, default=50)
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    if args.resolution < 32 or args.resolution > 1024 or args.resolution & (args.resolution - 1):
        parser.error('--resolution must be a power of two from 32 to 1024')

    torch.set_num_threads(args.threads)
    images = load_images(args.data, args.resolution, args.limit)
    labels = torch.from_numpy(read_array(args.labels).astype(np.int64)[:images.shape[0]]) if args.classes else None
    trainer = Trainer(args, images.shape[1])
    batches = Batches(images.shape[0], args.batch, args.seed + 2)
    os.makedirs(args.out, exist_ok=True)

    started = time.perf_counter()
    for step in range(args.steps):
        indexes = batches.next()
        result = trainer.step(images[indexes], labels[indexes] if labels is not None else None, step)
        if (step + 1) % args.log_every == 0 or step + 1 == args.steps:
            print(json.dumps({'step': step + 1, 'seconds': round(time.perf_counter() - started, 2), **{k: round(v, 5) for k, v in result.items()}}), flush=True)
    seconds = time.perf_counter() - started

    samples = trainer.sample(args.samples)
    np.save(os.path.join(args.out, 'samples.npy'), samples)
    write_png(os.path.join(args.out, 'grid.png'), grid_of(samples[:64], 8))
    summary = {'steps': args.steps, 'secondsPerStep': seconds / max(1, args.steps), 'samples': list(samples.shape)}
    with open(os.path.join(args.out, 'summary.json'), 'w') as file:
        json.dump(summary, file)
    print(json.dumps(summary))


if __name__ == '__main__':
    main()
