package dev.tempest.verify;

import dev.tempest.api.Verdict;
import java.time.Duration;

/** A check's verdict and how long the verifier took (the deadline, for a TIMEOUT). */
public record CheckResult(Check check, Verdict verdict, Duration elapsed) {
}
