package dev.tempest.rl;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * DPO's losses of h, the chosen completion's log-ratio to the reference minus the rejected
 * one's (TRL's {@code loss_type}).
 */
public enum DpoVariant {
    /** -log sigmoid(beta h), with label smoothing (Rafailov et al. 2023; cDPO). */
    @JsonProperty("sigmoid") SIGMOID,
    /** (h - 1/(2 beta))^2 on per-token average log-probs (Azar et al. 2023, IPO). */
    @JsonProperty("ipo") IPO,
    /** relu(1 - beta h) (SLiC, Zhao et al. 2023). */
    @JsonProperty("hinge") HINGE
}
