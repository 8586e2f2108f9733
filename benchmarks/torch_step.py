"""PyTorch (CPU, fp32) ms per GPT-2 training step at TrainStepBench's configs, timed the same way.

Usage: python3 torch_step.py [--threads 2] [--steps 20] [--warmup-seconds 3] [--config a|b|all]

The model is GPT-2 as Hugging Face builds it (learned positions, pre-LayerNorm blocks, tanh GELU,
tied head), written out in plain torch so nothing is downloaded; N(0, 0.02) weights. One step:
zero grads, forward with cross-entropy, backward, AdamW (lr 1e-3, betas 0.9/0.95, eps 1e-8,
weight decay 0.1), on one fixed random batch, so the loss must fall. Warm-up: at least 20 steps
and --warmup-seconds; then --steps timed steps; prints median and best ms, and the first and
last loss.
"""
import argparse
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {"a": dict(L=4, C=128, H=4, V=512, T=64, B=8), "b": dict(L=6, C=256, H=8, V=4096, T=128, B=8)}


class Block(nn.Module):
    def __init__(self, C, H, T):
        super().__init__()
        self.H = H
        self.ln_1 = nn.LayerNorm(C)
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)
        self.ln_2 = nn.LayerNorm(C)
        self.c_fc = nn.Linear(C, 4 * C)
        self.mlp_proj = nn.Linear(4 * C, C)
        self.register_buffer("mask", torch.tril(torch.ones(T, T, dtype=torch.bool)))

    def forward(self, x):                                     # x (B, T, C)
        B, T, C = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (t.view(B, T, self.H, C // self.H).transpose(1, 2) for t in (q, k, v))  # (B, H, T, D)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(C // self.H)
        att = att.masked_fill(~self.mask[:T, :T], float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(nn.Module):
    def __init__(self, L, C, H, V, T, **_):
        super().__init__()
        self.wte = nn.Embedding(V, C)
        self.wpe = nn.Embedding(T, C)
        self.blocks = nn.ModuleList(Block(C, H, T) for _ in range(L))
        self.ln_f = nn.LayerNorm(C)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.normal_(p, std=0.02)

    def forward(self, idx, targets):                          # idx, targets (B, T)
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.blocks:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.t()           # (B, T, V), tied head
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))


def measure(name, cfg, steps, warmup_seconds):
    torch.manual_seed(1)
    model = Gpt2(**cfg)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    tokens = torch.randint(cfg["V"], (cfg["B"], cfg["T"]))
    targets = torch.randint(cfg["V"], (cfg["B"], cfg["T"]))

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = model(tokens, targets)
        loss.backward()
        optimizer.step()
        return loss.item()

    first = step()
    warm_end = time.perf_counter() + warmup_seconds
    warmup = 1
    while warmup < 20 or time.perf_counter() < warm_end:
        step()
        warmup += 1
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        last = step()
        times.append((time.perf_counter() - start) * 1e3)
    if abs(first - math.log(cfg["V"])) >= 0.2 or not last < first - 0.5:
        raise SystemExit(f"config {name}: loss {first} -> {last} is not a training step's")
    params = sum(p.numel() for p in model.parameters())
    print(f"{name:3s} {params:9d} {statistics.median(times):10.2f} {min(times):8.2f} "
          f"{cfg['B'] * cfg['T'] / (statistics.median(times) / 1e3):9.0f}  {first:.4f} -> {last:.4f}  ({warmup} warm-up steps)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup-seconds", type=float, default=3)
    parser.add_argument("--config", default="all", choices=["a", "b", "all"])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, fp32")
    print(f"{'cfg':3s} {'params':>9s} {'median ms':>10s} {'best ms':>8s} {'tok/s':>9s}  loss")
    for name, cfg in CONFIGS.items():
        if args.config in ("all", name):
            measure(name, cfg, args.steps, args.warmup_seconds)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
