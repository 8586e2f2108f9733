// Elementwise activations: GELU (tanh form, GPT-2's gelu_new), SiLU, SwiGLU. Backward kernels
// accumulate (+=) into their gradients.
#pragma OPENCL FP_CONTRACT OFF

#define GELU_SCALE 0.7978845608028654f  // sqrt(2 / pi)

__kernel void gelu_forward(__global float* out, int outOff, __global const float* x, int xOff) {
    int i = get_global_id(0);
    float v = x[xOff + i];
    out[outOff + i] = 0.5f * v * (1 + tanh(GELU_SCALE * (v + 0.044715f * v * v * v)));
}

__kernel void gelu_backward(__global float* dx, int dxOff, __global const float* x, int xOff,
                            __global const float* dout, int doutOff) {
    int i = get_global_id(0);
    float v = x[xOff + i];
    float t = tanh(GELU_SCALE * (v + 0.044715f * v * v * v));
    float sech2 = 1 - t * t;
    float local_grad = 0.5f * (1 + t) + 0.5f * v * sech2 * GELU_SCALE * (1 + 3 * 0.044715f * v * v);
    dx[dxOff + i] += local_grad * dout[doutOff + i];
}

float sigmoid_of(float x) {
    return 1 / (1 + exp(-x));
}

__kernel void silu_forward(__global float* out, int outOff, __global const float* x, int xOff) {
    int i = get_global_id(0);
    float v = x[xOff + i];
    out[outOff + i] = v / (1 + exp(-v));
}

__kernel void silu_backward(__global float* dx, int dxOff, __global const float* x, int xOff,
                            __global const float* dout, int doutOff) {
    int i = get_global_id(0);
    float v = x[xOff + i];
    float s = sigmoid_of(v);
    dx[dxOff + i] += dout[doutOff + i] * (s * (1 + v * (1 - s)));
}

// out = silu(gate) * up
__kernel void swiglu_forward(__global float* out, int outOff, __global const float* gate, int gateOff,
                             __global const float* up, int upOff) {
    int i = get_global_id(0);
    float g = gate[gateOff + i];
    out[outOff + i] = g / (1 + exp(-g)) * up[upOff + i];
}

// dgate += dout * up * silu'(gate); dup += dout * silu(gate)
__kernel void swiglu_backward(__global float* dgate, int dgateOff, __global float* dup, int dupOff,
                              __global const float* gate, int gateOff, __global const float* up, int upOff,
                              __global const float* dout, int doutOff) {
    int i = get_global_id(0);
    float g = gate[gateOff + i];
    float d = dout[doutOff + i];
    float s = sigmoid_of(g);
    dgate[dgateOff + i] += d * up[upOff + i] * (s * (1 + g * (1 - s)));
    dup[dupOff + i] += d * (g / (1 + exp(-g)));
}
