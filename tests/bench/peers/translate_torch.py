"""
The PyTorch peer of tests/bench/translate.bench.ts: pix2pix's U-Net and
CycleGAN's ResNet generator translating one image, and one pix2pix training
step, on the CPU, built layer for layer as the engine builds them.

The networks follow main/engine/models/:
- unet.ts: n = log2(resolution) blocks; down_i = [LeakyReLU 0.2 unless i = 0]
  conv4×4/2 (padding 1) → width·min(2^i, 8) [instance norm unless i = 0 or
  innermost; a bias only where there is no norm]; up_i = ReLU → convT4×4/2
  (padding 1) on down_i alone at the innermost, else down_i ‖ up_(i+1)
  (channels in that order) → instance norm [dropout 0.5 in blocks 4 … n − 2,
  while training] | a bias and tanh at i = 0.
- resnet-generator.ts: reflect 3, conv7×7 width → IN → ReLU; conv4×4/2
  (padding 1) to 2·width and 4·width → IN → ReLU; residual blocks of [reflect
  1, conv3×3, IN, ReLU, reflect 1, conv3×3, IN] + skip; convT4×4/2 (padding 1)
  to 2·width and width → IN → ReLU; reflect 3, conv7×7 with a bias → tanh. No
  bias before a norm. (4×4 stride-2 resampling, as the engine does, not the
  reference code's 3×3.)
- patchgan.ts: conv4×4/2 width → LReLU; conv4×4/2 2·width → IN → LReLU;
  conv4×4/2 4·width → IN → LReLU; pad 1, conv4×4/1 8·width → IN → LReLU;
  pad 1, conv4×4/1 1 (logits). Biases only where there is no norm.
Instance norm is PyTorch's InstanceNorm2d defaults (no affine, no running
statistics, eps 1e-5), as instance-norm.ts. Weights N(0, 0.02).

Inference is main/engine/translate/translate-image.ts translateWhole: eval
mode, torch.inference_mode, uint8 NHWC bytes in (÷127.5 − 1), out as rounded,
clipped uint8 NHWC bytes.

One training step is main/engine/train/pix2pix/step.ts: G translates the
inputs once (dropout on); its loss is the non-saturating GAN loss
softplus(−D(input ‖ output)) plus 100 · L1 to the target, and only G's weights
get gradients; then D, on the same translation detached, sees the real pair
and the translated pair as one batch of 2 and learns from 0.5 · (softplus(−real)
+ softplus(fake)). Adam 2e-4 (0.5, 0.999) for each network. Synthetic data,
N(0, 0.5) images drawn inside the step, as main/engine/train/timing.ts does.

Run: python3 tests/bench/peers/translate_torch.py [--threads N] [--runs N] [--steps N]
or --serve, for translate.bench.ts: one JSON request a line on stdin (info,
infer-setup {net, width, resolution, size}, infer, infer-profile, train-setup, train-step, train-profile,
quit), one reply a line on stdout marked '@@ '.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# The DCGAN peer's generic parts: timing, what BLAS is loaded, the profiler, pixels out.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dcgan_torch import info, profile_ops, timed_once, to_pixels  # noqa: E402

FIRST_DROPOUT_BLOCK = 4


def norm(channels):
    return nn.InstanceNorm2d(channels, eps=1e-5, affine=False, track_running_stats=False)


class Unet(nn.Module):
    def __init__(self, resolution, width, input_channels=3, output_channels=3, dropout=0.5):
        super().__init__()
        blocks = int(math.log2(resolution))
        assert 2 ** blocks == resolution
        innermost = blocks - 1

        def channels(block):
            return width * min(2 ** block, 8)

        self.downs = nn.ModuleList()
        cin = input_channels
        for block in range(blocks):
            normalised = 0 < block < innermost
            layers = []
            if block > 0:
                layers.append(nn.LeakyReLU(0.2))
            layers.append(nn.Conv2d(cin, channels(block), 4, stride=2, padding=1, bias=not normalised))
            if normalised:
                layers.append(norm(channels(block)))
            self.downs.append(nn.Sequential(*layers))
            cin = channels(block)
        # self.ups[k] is block innermost − k.
        self.ups = nn.ModuleList()
        for block in range(innermost, -1, -1):
            outermost = block == 0
            cin = channels(block) if block == innermost else 2 * channels(block)
            cout = output_channels if outermost else channels(block - 1)
            layers = [nn.ReLU(), nn.ConvTranspose2d(cin, cout, 4, stride=2, padding=1, bias=outermost)]
            if outermost:
                layers.append(nn.Tanh())
            else:
                layers.append(norm(cout))
                if FIRST_DROPOUT_BLOCK <= block < innermost and dropout > 0:
                    layers.append(nn.Dropout(dropout))
            self.ups.append(nn.Sequential(*layers))

    def forward(self, x):
        downs = []
        for down in self.downs:
            x = down(x)
            downs.append(x)
        x = self.ups[0](downs[-1])
        for k, up in enumerate(self.ups[1:], start=2):
            x = up(torch.cat([downs[-k], x], dim=1))
        return x


class ResnetGenerator(nn.Module):
    def __init__(self, width, residual_blocks, input_channels=3, output_channels=3):
        super().__init__()
        layers = [nn.ReflectionPad2d(3), nn.Conv2d(input_channels, width, 7, bias=False), norm(width), nn.ReLU()]
        for step in (1, 2):
            cin, cout = width * 2 ** (step - 1), width * 2 ** step
            layers += [nn.Conv2d(cin, cout, 4, stride=2, padding=1, bias=False), norm(cout), nn.ReLU()]
        self.head = nn.Sequential(*layers)
        inner = 4 * width
        self.blocks = nn.ModuleList(
            nn.Sequential(
                nn.ReflectionPad2d(1), nn.Conv2d(inner, inner, 3, bias=False), norm(inner), nn.ReLU(),
                nn.ReflectionPad2d(1), nn.Conv2d(inner, inner, 3, bias=False), norm(inner),
            )
            for _ in range(residual_blocks)
        )
        layers = []
        for step in (1, 2):
            cin, cout = width * 2 ** (3 - step), width * 2 ** (2 - step)
            layers += [nn.ConvTranspose2d(cin, cout, 4, stride=2, padding=1, bias=False), norm(cout), nn.ReLU()]
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(width, output_channels, 7, bias=True), nn.Tanh()]
        self.tail = nn.Sequential(*layers)

    def forward(self, x):
        x = self.head(x)
        for block in self.blocks:
            x = x + block(x)
        return self.tail(x)


class PatchGan(nn.Module):
    def __init__(self, input_channels, width):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(input_channels, width, 4, stride=2, padding=1, bias=True), nn.LeakyReLU(0.2),
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1, bias=False), norm(2 * width), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * width, 4 * width, 4, stride=2, padding=1, bias=False), norm(4 * width), nn.LeakyReLU(0.2),
            nn.Conv2d(4 * width, 8 * width, 4, stride=1, padding=1, bias=False), norm(8 * width), nn.LeakyReLU(0.2),
            nn.Conv2d(8 * width, 1, 4, stride=1, padding=1, bias=True),
        )

    def forward(self, x):
        return self.net(x)


def initialise(module):
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return module


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())


class Translator:
    """A generator as translateWhole uses a loaded one: eval mode, bytes in, bytes out."""

    def __init__(self, net, width, resolution, size, residual_blocks=9):
        torch.manual_seed(1)
        self.g = initialise(Unet(resolution, width) if net == 'unet' else ResnetGenerator(width, residual_blocks))
        self.g.eval()
        generator = torch.Generator().manual_seed(3)
        self.image = torch.randint(0, 256, (1, size, size, 3), dtype=torch.uint8, generator=generator)

    def translate(self):
        with torch.inference_mode():
            x = self.image.permute(0, 3, 1, 2).to(torch.float32) / 127.5 - 1
            return to_pixels(self.g(x)).numpy()


class Pix2pixTrainer:
    def __init__(self, resolution, width, l1_weight=100.0):
        torch.manual_seed(1)
        self.resolution, self.l1_weight = resolution, l1_weight
        self.g = initialise(Unet(resolution, width))
        self.d = initialise(PatchGan(6, width))
        self.g.train()
        self.d.train()
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step(self):
        r = self.resolution
        inputs = torch.randn(1, 3, r, r) * 0.5
        targets = torch.randn(1, 3, r, r) * 0.5

        # Generator: one translation; the GAN loss's gradient reaches G's weights only.
        self.d.requires_grad_(False)
        self.opt_g.zero_grad(set_to_none=True)
        translated = self.g(inputs)
        gan = F.softplus(-self.d(torch.cat([inputs, translated], dim=1))).mean()
        l1 = (translated - targets).abs().mean()
        loss_g = gan + self.l1_weight * l1
        loss_g.backward()
        self.opt_g.step()
        self.d.requires_grad_(True)

        # Discriminator: the real and the translated pair as one batch of 2.
        self.opt_d.zero_grad(set_to_none=True)
        fake = translated.detach()
        pairs = torch.cat([torch.cat([inputs, targets], dim=1), torch.cat([inputs, fake], dim=1)], dim=0)
        real_logits, fake_logits = self.d(pairs).chunk(2, dim=0)
        loss_d = 0.5 * (F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean())
        loss_d.backward()
        self.opt_d.step()
        # The engine reads its six numbers back after the step.
        return torch.stack([loss_g.detach(), gan.detach(), l1.detach(), loss_d.detach(), real_logits.detach().mean(), fake_logits.detach().mean()]).tolist()


class Session:
    def __init__(self):
        self.translators = {}
        self.translator = None
        self.trainer = None

    def handle(self, request):
        command = request['cmd']
        if command == 'info':
            return info()
        if command == 'infer-setup':
            size = int(request['size'])
            key = (request['net'], int(request['width']), int(request.get('resolution', size)), size, int(request.get('residualBlocks', 9)))
            if key not in self.translators:
                self.translators[key] = Translator(*key)
            self.translator = self.translators[key]
            return {'parameters': parameter_count(self.translator.g)}
        if command == 'infer':
            return timed_once(self.translator.translate)
        if command == 'infer-profile':
            return {'ops': profile_ops(self.translator.translate)}
        if command == 'train-setup':
            self.trainer = None
            self.trainer = Pix2pixTrainer(int(request['resolution']), int(request['width']))
            return {'parameters': parameter_count(self.trainer.g) + parameter_count(self.trainer.d)}
        if command == 'train-step':
            return timed_once(self.trainer.step)
        if command == 'train-profile':
            return {'ops': profile_ops(self.trainer.step)}
        raise ValueError(f'unknown command {command}')


def serve(session):
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
    parser.add_argument('--serve', action='store_true', help='take requests on stdin (used by tests/bench/translate.bench.ts)')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--steps', type=int, default=5)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    # A matrix product first, so that the BLAS library is mapped before anyone looks.
    torch.mm(torch.rand(64, 64), torch.rand(64, 64))
    session = Session()
    if args.serve:
        serve(session)
        return

    for net, width in [('unet', 64), ('unet', 32), ('resnet', 64), ('resnet', 32)]:
        session.handle({'cmd': 'infer-setup', 'net': net, 'width': width, 'resolution': 256, 'size': 256})
        session.handle({'cmd': 'infer'})
        runs = [session.handle({'cmd': 'infer'})['seconds'] for _ in range(args.runs)]
        print(f'{net} width {width}, 256 px: {1000 * statistics.median(runs):.0f} ms (best {1000 * min(runs):.0f})')
    for width in (32, 64):
        session.handle({'cmd': 'train-setup', 'resolution': 128, 'width': width})
        session.handle({'cmd': 'train-step'})
        steps = [session.handle({'cmd': 'train-step'})['seconds'] for _ in range(args.steps)]
        print(f'pix2pix 128 px width {width}: {1 / statistics.median(steps):.2f} steps/s')
    i = info()
    print(f"PyTorch {i['torch']}, {i['threads']} threads, {i['blasInfo']}, mkldnn {i['mkldnn']}")
    print('loaded: ' + ', '.join(i['loaded']))


if __name__ == '__main__':
    main()
