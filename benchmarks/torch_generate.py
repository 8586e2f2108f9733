"""PyTorch (CPU, fp32) new tokens/s of batched sampling with a KV cache, GenerateBench's loop.

Usage: python3 torch_generate.py [--threads 2] [--batches 1,8,64] [--prompt 32] [--new-tokens 128]
                                 [--temperature 1.0] [--top-p 0.95] [--seconds 3] [--config b]

The model is torch_step.py's GPT-2 with n_positions = prompt + new tokens, N(0, 0.02) weights.
Per batch size: B random prompts of equal length run through the model once, filling a cache
preallocated as (L, B, H, Tmax, D) keys and values; then every step feeds each sequence's last
token, attends to its cached positions and draws the next token as Tempest's Sampler does
(temperature, then top-p: the smallest set of most likely tokens whose probability reaches p),
with the token's log-probability under the temperature-scaled distribution. No sequence stops
early. Timing: one warm-up generation and at least --seconds / 3, then generations for
--seconds (at least 3); the best counts. Prints the torch build and its BLAS (threadpoolctl),
then one line per batch size: RESULT <B> <new tokens/s> <best s> <median s> <runs>.
"""
import argparse
import math
import statistics
import time

import threadpoolctl
import torch
import torch.nn.functional as F

from torch_step import CONFIGS, Gpt2


def forward_cached(model, idx, keys, values, start):
    """Logits (B, V) at each sequence's last position; writes positions [start, start + T) of the cache."""
    B, T = idx.shape                                                      # idx (B, T)
    x = model.wte(idx) + model.wpe(torch.arange(start, start + T))        # (B, T, C)
    end = start + T
    for block, k_cache, v_cache in zip(model.blocks, keys, values):      # caches (B, H, Tmax, D)
        C = x.shape[2]
        q, k, v = block.c_attn(block.ln_1(x)).split(C, dim=2)
        q, k, v = (t.view(B, T, block.H, C // block.H).transpose(1, 2) for t in (q, k, v))  # (B, H, T, D)
        k_cache[:, :, start:end] = k
        v_cache[:, :, start:end] = v
        att = (q @ k_cache[:, :, :end].transpose(-2, -1)) / math.sqrt(C // block.H)          # (B, H, T, end)
        if T > 1:
            att = att.masked_fill(~block.mask[start:end, :end], float("-inf"))
        y = (att.softmax(dim=-1) @ v_cache[:, :, :end]).transpose(1, 2).reshape(B, T, C)
        x = x + block.c_proj(y)
        x = x + block.mlp_proj(F.gelu(block.c_fc(block.ln_2(x)), approximate="tanh"))
    return model.ln_f(x[:, -1]) @ model.wte.weight.t()                   # (B, V), tied head


def sample(logits, temperature, top_p, generator):
    """Next ids (B) and their log-probabilities (B) under softmax(logits / temperature), before top-p."""
    scaled = logits / temperature                                         # (B, V)
    log_probs = scaled.log_softmax(dim=-1)
    sorted_logits, order = scaled.sort(dim=-1, descending=True)
    sorted_probs = sorted_logits.softmax(dim=-1)
    before = sorted_probs.cumsum(dim=-1) - sorted_probs                   # mass of the more likely tokens
    kept = sorted_logits.masked_fill(before >= top_p, float("-inf"))
    pick = torch.multinomial(kept.softmax(dim=-1), 1, generator=generator)  # (B, 1) into the sorted order
    ids = order.gather(1, pick)
    return ids.squeeze(1), log_probs.gather(1, ids).squeeze(1)


def generate(model, prompts, new_tokens, temperature, top_p, generator):
    """The new tokens (B, new_tokens) and their log-probabilities after prompts (B, P)."""
    B, P = prompts.shape
    blocks = len(model.blocks)
    H = model.blocks[0].H
    C = model.wte.weight.shape[1]
    # The last token drawn is never fed back, as in Tempest's Generator.
    keys = torch.empty(blocks, B, H, P + new_tokens - 1, C // H)          # (L, B, H, Tmax, D)
    values = torch.empty_like(keys)
    ids = torch.empty(B, new_tokens, dtype=torch.long)
    log_probs = torch.empty(B, new_tokens)
    logits = forward_cached(model, prompts, keys, values, 0)
    for t in range(new_tokens):
        ids[:, t], log_probs[:, t] = sample(logits, temperature, top_p, generator)
        if t + 1 < new_tokens:
            logits = forward_cached(model, ids[:, t:t + 1], keys, values, P + t)
    return ids, log_probs


def check_cache(model, V):
    """The cached, one position at a time, logits equal a recomputation of the whole sequence."""
    tokens = torch.randint(V, (2, 12))
    P = 4
    keys = torch.empty(len(model.blocks), 2, model.blocks[0].H, 12, model.wte.weight.shape[1] // model.blocks[0].H)
    values = torch.empty_like(keys)
    forward_cached(model, tokens[:, :P], keys, values, 0)
    for t in range(P, 12):
        cached = forward_cached(model, tokens[:, t:t + 1], keys, values, t)
        whole = forward_cached(model, tokens[:, :t + 1], torch.empty_like(keys), torch.empty_like(values), 0)
        if not torch.allclose(cached, whole, atol=1e-4):
            raise SystemExit(f"position {t}: cached logits differ from recomputed by {(cached - whole).abs().max()}")


def measure(model, B, args, V):
    generator = torch.Generator().manual_seed(1)
    prompts = torch.randint(V, (B, args.prompt), generator=generator)
    run = lambda: generate(model, prompts, args.new_tokens, args.temperature, args.top_p, generator)
    ids, log_probs = run()
    warm_end = time.perf_counter() + args.seconds / 3
    while time.perf_counter() < warm_end:
        run()
    times = []
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end or len(times) < 3:
        start = time.perf_counter()
        ids, log_probs = run()
        times.append(time.perf_counter() - start)
    # Near-uniform logits of fresh weights: each token's log-probability is about -ln V.
    mean = log_probs.mean().item()
    if ids.min() < 0 or ids.max() >= V or not abs(mean + math.log(V)) < 1:
        raise SystemExit(f"batch {B}: ids in [{ids.min()}, {ids.max()}], mean log-prob {mean}; not a sampling run")
    print(f"RESULT {B} {B * args.new_tokens / min(times):.1f} {min(times):.4f} {statistics.median(times):.4f}"
          f" {len(times)}  (mean log-prob {mean:.3f})", flush=True)


def print_build():
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, fp32")
    for line in torch.__config__.show().splitlines():
        if "BLAS" in line or "CPU capability" in line:
            print("  " + line.strip())
    for pool in threadpoolctl.threadpool_info():
        print("  threadpoolctl: " + ", ".join(f"{k}={pool.get(k)}" for k in
                                             ("internal_api", "version", "architecture", "num_threads", "filepath")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default="1,8,64")
    parser.add_argument("--prompt", type=int, default=32)
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--temperature", type=float, default=1.0)
    parser.add_argument("--top-p", type=float, default=0.95)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--config", default="b", choices=sorted(CONFIGS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print_build()
    torch.manual_seed(1)
    cfg = dict(CONFIGS[args.config], T=args.prompt + args.new_tokens)
    with torch.inference_mode():
        model = Gpt2(**cfg).eval()
        check_cache(model, cfg["V"])
        for B in (int(b) for b in args.batches.split(",")):
            measure(model, B, args, cfg["V"])


if __name__ == "__main__":
    main()
