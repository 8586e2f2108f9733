package dev.tempest.verifier.math;

import java.util.Map;
import java.util.Set;

/**
 * A parsed answer element ({@link ExpressionParser}): numbers, variables, pi and e, the four
 * operations and powers, and functions. It is evaluated, never simplified: two expressions are
 * compared by their values at the same points ({@link ExpressionEquivalence}).
 */
sealed interface Expression {

    /** Values for the variables, and the work the evaluation may spend. */
    record Scope(Map<String, MathValue> values, WorkBudget budget) {
    }

    /** The value at {@code scope}; {@link MathValue#UNDEFINED} where it has no real value. */
    MathValue evaluate(Scope scope);

    default void addVariables(Set<String> names) {
    }

    /** Whether a number in it is written as a decimal (3.14, 1.5e3): the writer may have rounded. */
    default boolean hasDecimal() {
        return false;
    }

    record Literal(MathValue value, boolean decimal) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            return value;
        }

        @Override
        public boolean hasDecimal() {
            return decimal;
        }
    }

    record Variable(String name) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            return scope.values().getOrDefault(name, MathValue.UNDEFINED);
        }

        @Override
        public void addVariables(Set<String> names) {
            names.add(name);
        }
    }

    /** pi or e: irrational, so only ever approximate. */
    record Constant(String name, double value) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            return MathValue.approximately(value);
        }
    }

    record Negation(Expression operand) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            MathValue value = operand.evaluate(scope);
            scope.budget().charge(value, value);
            return value.negated();
        }

        @Override
        public void addVariables(Set<String> names) {
            operand.addVariables(names);
        }

        @Override
        public boolean hasDecimal() {
            return operand.hasDecimal();
        }
    }

    record Binary(Operator operator, Expression left, Expression right) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            return operator.apply(left.evaluate(scope), right.evaluate(scope), scope.budget());
        }

        @Override
        public void addVariables(Set<String> names) {
            left.addVariables(names);
            right.addVariables(names);
        }

        @Override
        public boolean hasDecimal() {
            return left.hasDecimal() || right.hasDecimal();
        }
    }

    record Call(MathFunction function, Expression argument) implements Expression {
        @Override
        public MathValue evaluate(Scope scope) {
            MathValue value = argument.evaluate(scope);
            scope.budget().charge(value, value);
            return function.apply(value);
        }

        @Override
        public void addVariables(Set<String> names) {
            argument.addVariables(names);
        }

        @Override
        public boolean hasDecimal() {
            return argument.hasDecimal();
        }
    }
}
