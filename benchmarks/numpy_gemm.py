"""numpy (OpenBLAS) GFLOP/s for the shapes and variants of GemmBench, timed the same way.

Usage: python3 numpy_gemm.py --seconds 1.0 --shapes 512x512x512,1024x256x768 (each MxKxN)

Prints the OpenBLAS build and the kernel/thread count it picked at run time, then one line
per measurement: RESULT <MxKxN> <variant> <GFLOP/s>. GemmBench reads the RESULT lines; the
thread count comes from OPENBLAS_NUM_THREADS, which GemmBench sets.
"""
import argparse
import ctypes
import glob
import os
import time

import numpy as np


def print_openblas_config():
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    print(f"numpy {np.__version__}, {blas.get('name')} {blas.get('version')}")
    print(f"build: {blas.get('openblas configuration')}")
    print("env: " + ", ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("OPENBLAS")))
    # The build string names the default core; the kernel actually chosen at run time (it honours
    # OPENBLAS_CORETYPE) and the thread count are only visible from the library itself.
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*"))
    if not libs:
        print("runtime: OpenBLAS library not found next to numpy; config above is build-time only")
        return
    lib = ctypes.CDLL(libs[0])
    for suffix in ("64_", ""):
        corename = getattr(lib, f"scipy_openblas_get_corename{suffix}", None)
        threads = getattr(lib, f"scipy_openblas_get_num_threads{suffix}", None)
        if corename and threads:
            corename.restype = ctypes.c_char_p
            print(f"runtime: core {corename().decode()}, {threads()} threads")
            return
    print("runtime: OpenBLAS query functions not found")


def gflops(product, flops, seconds):
    """Best GFLOP/s over repetitions filling `seconds`, after a warm-up of a third of that.

    The best, not the median: on a shared machine the slow runs measure the neighbours."""
    warm_until = time.perf_counter() + seconds / 3
    while time.perf_counter() < warm_until:
        product()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 5:
        start = time.perf_counter()
        product()
        times.append(time.perf_counter() - start)
    return flops / min(times) / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--shapes", default="512x512x512,1024x1024x1024,1024x256x768,1024x256x1024")
    args = parser.parse_args()
    print_openblas_config()
    rng = np.random.default_rng(0)
    for shape in args.shapes.split(","):
        M, K, N = (int(x) for x in shape.split("x"))
        a = rng.uniform(-1, 1, (M, K)).astype(np.float32)    # (M, K)
        at = np.ascontiguousarray(a.T)                        # (K, M), for A^T @ B
        b = rng.uniform(-1, 1, (K, N)).astype(np.float32)    # (K, N)
        bt = np.ascontiguousarray(b.T)                        # (N, K), for A @ B^T
        flops = 2.0 * M * N * K
        variants = {"A*B": lambda: a @ b, "A*Bt": lambda: a @ bt.T, "At*B": lambda: at.T @ b}
        for name, product in variants.items():
            print(f"RESULT {shape} {name} {gflops(product, flops, args.seconds):.1f}", flush=True)


if __name__ == "__main__":
    main()
