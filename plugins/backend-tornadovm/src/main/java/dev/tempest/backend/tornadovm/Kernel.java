package dev.tempest.backend.tornadovm;

import dev.tempest.backend.tornadovm.kernels.ActivationKernels;
import dev.tempest.backend.tornadovm.kernels.AdamWKernels;
import dev.tempest.backend.tornadovm.kernels.AttentionKernels;
import dev.tempest.backend.tornadovm.kernels.ElementwiseKernels;
import dev.tempest.backend.tornadovm.kernels.EmbeddingKernels;
import dev.tempest.backend.tornadovm.kernels.GemmKernels;
import dev.tempest.backend.tornadovm.kernels.NormKernels;
import dev.tempest.backend.tornadovm.kernels.RopeKernels;
import dev.tempest.backend.tornadovm.kernels.SamplingKernels;
import dev.tempest.backend.tornadovm.kernels.TokenLogProbsKernels;
import dev.tempest.backend.tornadovm.kernels.TransferKernels;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task4;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task5;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Every kernel the backend launches, each its own task graph in the one execution plan. A kernel
 * reads the heap, its int and float arguments, and, for the ones that take host ids (token ids,
 * targets, positions, first keys), the ids array; {@link #UPLOAD} reads the staging array in place of the floats. Kernel methods have
 * names unique across {@code kernels/} and unlike OpenCL built-ins: they become the names of
 * the generated OpenCL kernels (a kernel named step or rotate fails to build).
 */
enum Kernel {
    FILL(TransferKernels::fill),
    UPLOAD(TransferKernels::upload),
    COPY(TransferKernels::copy),
    ADD(ElementwiseKernels::add),
    ACCUMULATE(ElementwiseKernels::accumulate),
    SCALE(ElementwiseKernels::scale),
    ADD_BIAS(ElementwiseKernels::addBias),
    BIAS_BACKWARD(ElementwiseKernels::biasBackward),
    SUM_OF_SQUARES(ElementwiseKernels::sumOfSquares),
    GELU_FORWARD(ActivationKernels::geluForward),
    GELU_BACKWARD(ActivationKernels::geluBackward),
    SILU_FORWARD(ActivationKernels::siluForward),
    SILU_BACKWARD(ActivationKernels::siluBackward),
    SWIGLU_FORWARD(ActivationKernels::swigluForward),
    SWIGLU_BACKWARD(ActivationKernels::swigluBackward),
    LAYER_NORM_FORWARD(NormKernels::layerNormForward),
    LAYER_NORM_BACKWARD_INPUT(NormKernels::layerNormBackwardInput),
    LAYER_NORM_BACKWARD_PARAMS(NormKernels::layerNormBackwardParams),
    RMS_NORM_FORWARD(NormKernels::rmsNormForward),
    RMS_NORM_BACKWARD_INPUT(NormKernels::rmsNormBackwardInput),
    RMS_NORM_BACKWARD_WEIGHT(NormKernels::rmsNormBackwardWeight),
    ROPE(RopeKernels::rope),
    EMBEDDING_FORWARD(EmbeddingKernels::embeddingForward),
    EMBEDDING_BACKWARD(EmbeddingKernels::embeddingBackward),
    TOKEN_LOG_PROBS_FORWARD(TokenLogProbsKernels::tokenLogProbsForward),
    TOKEN_LOG_PROBS_BACKWARD(TokenLogProbsKernels::tokenLogProbsBackward),
    TOKEN_ENTROPY(TokenLogProbsKernels::tokenEntropy),
    SORT_LOGIT_ROWS(SamplingKernels::sortLogitRows),
    SAMPLE_TOKENS(SamplingKernels::sampleTokens),
    ATTENTION_FORWARD(AttentionKernels::attentionForward),
    ATTENTION_BACKWARD_QUERY(AttentionKernels::attentionBackwardQuery),
    ATTENTION_BACKWARD_KEY_VALUE(AttentionKernels::attentionBackwardKeyValue),
    MATMUL(GemmKernels::matmul),
    ADAMW(AdamWKernels::adamw);

    /** (kernel context, heap, args, floats): set for kernels without ids. */
    final Task4<KernelContext, FloatArray, IntArray, FloatArray> task;
    /** (kernel context, heap, args, floats, ids): set for kernels that read host ids. */
    final Task5<KernelContext, FloatArray, IntArray, FloatArray, IntArray> taskWithIds;

    Kernel(Task4<KernelContext, FloatArray, IntArray, FloatArray> task) {
        this.task = task;
        this.taskWithIds = null;
    }

    Kernel(Task5<KernelContext, FloatArray, IntArray, FloatArray, IntArray> taskWithIds) {
        this.task = null;
        this.taskWithIds = taskWithIds;
    }

    /** The task graph's name, unique per plan; TornadoVM keys a grid by "graph.task". */
    String graphName(int planId) {
        return "tempest" + planId + "_" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
