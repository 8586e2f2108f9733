// Table lookup: token embeddings, and position embeddings when the ids are positions.
#pragma OPENCL FP_CONTRACT OFF

// out[i] (C) = table[ids[i]] (C), or += when accumulate; global (C, ids)
__kernel void embedding_forward(__global float* out, int outOff, __global const int* ids, int idsOff,
                                __global const float* table, int tableOff, int C, int accumulate) {
    int c = get_global_id(0);
    int i = get_global_id(1);
    float value = table[tableOff + ids[idsOff + i] * C + c];
    int o = outOff + i * C + c;
    out[o] = accumulate ? out[o] + value : value;
}

// dtable[ids[i]] += dout[i] for every i in order: one work-item per channel owns that column of
// the table, so repeated ids never race and the sum order is the oracle's; global (C)
__kernel void embedding_backward(__global float* dtable, int dtableOff, __global const int* ids, int idsOff, int count,
                                 __global const float* dout, int doutOff, int C) {
    int c = get_global_id(0);
    for (int i = 0; i < count; i++) {
        dtable[dtableOff + ids[idsOff + i] * C + c] += dout[doutOff + i * C + c];
    }
}
