package dev.tempest.verifier.math;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The functions an answer may apply, by their LaTeX names. Absolute value and factorial stay
 * exact; the others have no rational values worth special-casing and are computed on doubles.
 * {@code \log} without a base is the common logarithm, as in the contest problems that use it.
 */
enum MathFunction {
    SIN("sin", Math::sin),
    COS("cos", Math::cos),
    TAN("tan", Math::tan),
    SEC("sec", x -> 1 / Math.cos(x)),
    CSC("csc", x -> 1 / Math.sin(x)),
    COT("cot", x -> 1 / Math.tan(x)),
    ARCSIN("arcsin", Math::asin),
    ARCCOS("arccos", Math::acos),
    ARCTAN("arctan", Math::atan),
    SINH("sinh", Math::sinh),
    COSH("cosh", Math::cosh),
    TANH("tanh", Math::tanh),
    LN("ln", Math::log),
    LOG("log", Math::log10),
    EXP("exp", Math::exp),
    // Written |x| and n!, not as commands
    ABS(null, Math::abs) {
        @Override
        MathValue apply(MathValue value) {
            return value.abs();
        }
    },
    FACTORIAL(null, x -> Double.NaN) {
        @Override
        MathValue apply(MathValue value) {
            return value.factorial();
        }
    };

    private final String latexName;  // null for those written otherwise
    private final DoubleUnaryOperator onDoubles;

    MathFunction(String latexName, DoubleUnaryOperator onDoubles) {
        this.latexName = latexName;
        this.onDoubles = onDoubles;
    }

    MathValue apply(MathValue value) {
        return value.map(onDoubles);
    }

    /** The function written {@code \name}, if there is one. */
    static Optional<MathFunction> named(String name) {
        for (MathFunction function : values()) {
            if (name.equals(function.latexName)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
