package dev.tempest.verifier.math;

import java.util.function.BinaryOperator;

/** The binary operations of {@link Expression}, each charging its work before doing it. */
enum Operator {
    PLUS(MathValue::plus),
    MINUS(MathValue::minus),
    TIMES(MathValue::times),
    DIVIDE(MathValue::dividedBy),
    POWER(MathValue::pow) {
        @Override
        MathValue apply(MathValue left, MathValue right, WorkBudget budget) {
            // An exact power's result has about |exponent| times the base's bits
            long exponentSize = right.isExact() && right.exact().numerator().bitLength() < 31
                    ? Math.abs(right.exact().numerator().longValue())
                    : 1;
            budget.chargeResult(left.bitLength() * exponentSize);
            return left.pow(right);
        }
    };

    private final BinaryOperator<MathValue> operation;

    Operator(BinaryOperator<MathValue> operation) {
        this.operation = operation;
    }

    MathValue apply(MathValue left, MathValue right, WorkBudget budget) {
        budget.charge(left, right);
        return operation.apply(left, right);
    }
}
