// Rotary position embedding, rotate_half: in each head vector of length D, dims i and i + D/2
// are rotated by angle t * invFreq[i]. invFreq (D/2) comes from the host, computed as the
// oracle does, so only cos and sin are this device's own.
#pragma OPENCL FP_CONTRACT OFF

// out (rows, heads*D) = x rotated, or dx += the inverse rotation of dout when backward;
// row r is at position positions[r]; global (D/2, heads, rows)
__kernel void rope(__global float* out, int outOff, __global const float* x, int xOff,
                   __global const float* invFreq, int invFreqOff, __global const int* positions, int positionsOff,
                   int heads, int D, int backward) {
    int i = get_global_id(0);
    int h = get_global_id(1);
    int r = get_global_id(2);
    int pair = D / 2;
    float angle = positions[positionsOff + r] * invFreq[invFreqOff + i];
    float c = cos(angle);
    float s = backward ? -sin(angle) : sin(angle);
    int base = r * heads * D + h * D;
    float x1 = x[xOff + base + i];
    float x2 = x[xOff + base + i + pair];
    float o1 = x1 * c - x2 * s;
    float o2 = x2 * c + x1 * s;
    if (backward) {
        out[outOff + base + i] += o1;
        out[outOff + base + i + pair] += o2;
    } else {
        out[outOff + base + i] = o1;
        out[outOff + base + i + pair] = o2;
    }
}
