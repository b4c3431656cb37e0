"""Writes the TorchScript generator fixture read by TorchScriptGeneratorTest.

A tiny, seeded generator with the structure of FLIPAD's DCGAN (28x28x1):

    z(8) -> Linear 8->16*7*7 -> BatchNorm1d -> ReLU -> reshape 16x7x7
         -> ConvTranspose2d 16->4 (k4 s2 p1) -> BatchNorm2d -> ReLU   [penultimate g(z): 4x14x14]
         -> ConvTranspose2d 4->1 (k4 s2 p1, no bias) -> tanh           [image: 1x28x28]

Outputs (into the folder given as the first argument, by default the test resources folder):
    generator.pt               TorchScript, forward(z [N,8]) -> images [N,1,28,28]
    penultimate.pt             TorchScript, forward(z [N,8]) -> g(z) [N,4,14,14]
    torchscript-generator.json manifest: shapes, activation, final layer and its tensor names
    expected-z.npy             [5,8] float32 latent codes
    expected-images.npy        [5,1,28,28] float32, generator.pt applied to expected-z
    expected-penultimate.npy   [5,4,14,14] float32, penultimate.pt applied to expected-z

Run from the repository root with Debian's python3-torch (1.13):
    python3 tools/torchscript-fixture/make_fixture.py
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn

SEED = 20261128
LATENT = 8
OUT_DIR = "flipad-core/src/test/resources/org/flipad/core/generator/imported"


class Body(nn.Module):
    """z -> g(z), the penultimate activation."""

    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(LATENT, 16 * 7 * 7)
        self.dense_norm = nn.BatchNorm1d(16 * 7 * 7)
        self.up = nn.ConvTranspose2d(16, 4, kernel_size=4, stride=2, padding=1)
        self.up_norm = nn.BatchNorm2d(4)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.dense_norm(self.dense(z)))
        h = h.reshape(-1, 16, 7, 7)
        return torch.relu(self.up_norm(self.up(h)))


class Generator(nn.Module):
    """z -> tanh(final(body(z)))."""

    def __init__(self):
        super().__init__()
        self.body = Body()
        self.final = nn.ConvTranspose2d(4, 1, kernel_size=4, stride=2, padding=1, bias=False)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.final(self.body(z)))


def build() -> Generator:
    torch.manual_seed(SEED)
    generator = Generator()
    with torch.no_grad():
        # Non-trivial affine BatchNorm parameters, so that a wrong normalisation shows.
        for norm in (generator.body.dense_norm, generator.body.up_norm):
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.2, 0.2)
            norm.momentum = 0.5
        # Running statistics away from (0, 1): a few training-mode passes on shifted noise.
        generator.train()
        for _ in range(4):
            generator(1.5 * torch.randn(32, LATENT) + 0.3)
    generator.eval()
    return generator


def manifest() -> dict:
    return {
        "format": "flipad-torchscript-generator",
        "version": 1,
        "latentSize": LATENT,
        "penultimateShape": [4, 14, 14],
        "imageShape": [1, 28, 28],
        "activation": "tanh",
        "finalLayer": {
            "kind": "conv-transpose",
            "kernel": 4,
            "stride": 2,
            "padding": 1,
            "weight": "final.weight",
            "bias": None,
        },
    }


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else OUT_DIR
    os.makedirs(out, exist_ok=True)
    generator = build()
    torch.jit.script(generator).save(os.path.join(out, "generator.pt"))
    torch.jit.script(generator.body).save(os.path.join(out, "penultimate.pt"))
    z = torch.randn(5, LATENT, generator=torch.Generator().manual_seed(SEED + 1))
    with torch.no_grad():
        images = generator(z)
        penultimate = generator.body(z)
    for name, value in (("z", z), ("images", images), ("penultimate", penultimate)):
        np.save(os.path.join(out, "expected-" + name + ".npy"), value.numpy().astype(np.float32))
    with open(os.path.join(out, "torchscript-generator.json"), "w") as f:
        json.dump(manifest(), f, indent=2)
        f.write("\n")
    print("torch", torch.__version__, "wrote", out)


if __name__ == "__main__":
    main()
