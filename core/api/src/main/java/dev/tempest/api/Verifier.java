package dev.tempest.api;

/**
 * Checks a completion against a {@link Task} and returns a reward: the verifiable reward of
 * RLVR. {@link #id()} is the name tasks use in their {@code verifier} field.
 *
 * <p>The framework owns the deadline: it calls {@code verify} on a worker pool under a
 * wall-clock limit and turns a call that runs past it into {@link VerdictStatus#TIMEOUT}, and one
 * that throws into {@link VerdictStatus#ERROR}. A verifier may therefore be called from several
 * threads at once, must be thread-safe, and should stop promptly when interrupted. A verifier
 * that runs external processes must kill them when interrupted.
 */
public interface Verifier extends TempestExtension {

    /**
     * Checks {@code completion}, the model's whole answer to {@code task.prompt()}.
     *
     * @throws Exception for a failure of the verifier itself, never for a wrong answer
     */
    Verdict verify(Task task, String completion) throws Exception;
}
