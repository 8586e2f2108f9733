package dev.tempest.verifier.math;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates one answer element as {@link AnswerNormalizer} leaves it ({@code *} and {@code /} for
 * every product and quotient; a space is never part of a number): decimals and scientific
 * notation, {@code + - * / ^}, parentheses and braces, {@code \frac{a}{b}} and {@code \frac12},
 * {@code \sqrt{x}}, implied products ({@code 2\sqrt{2}}, {@code 2(3+1)}) and mixed numbers
 * ({@code 1\frac{1}{2}} is 3/2, as textbooks mean it). Anything else (a letter, {@code \pi}, an
 * unclosed bracket, a division by zero, a result that is not a finite number) is not a number:
 * {@link #evaluate} is then empty and the caller compares the element as text.
 */
final class MathExpression {

    private static final Pattern NUMBER = Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /** Nesting deeper than this is garbage, not mathematics; the limit keeps the parser's recursion off the stack's end. */
    private static final int MAX_DEPTH = 100;

    /** Thrown, without a stack trace, wherever the text stops being a number. */
    private static final class NotANumber extends RuntimeException {
        NotANumber() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;
    private int depth;

    private MathExpression(String text) {
        this.text = text;
    }

    /** The value of {@code element}, or empty if it is not a number. */
    static Optional<MathValue> evaluate(String element) {
        MathExpression parser = new MathExpression(element);
        try {
            MathValue value = parser.expression();
            boolean usable = value.isExact() || Double.isFinite(value.approximate());
            return parser.pos == element.length() && usable ? Optional.of(value) : Optional.empty();
        } catch (NotANumber | ArithmeticException | NumberFormatException e) {
            return Optional.empty();  // NumberFormatException: an exponent past int, as in 1e99999999999
        }
    }

    // expression := term (('+' | '-') term)*
    private MathValue expression() {
        MathValue value = term();
        while (true) {
            if (eat("+")) {
                value = value.plus(term());
            } else if (eat("-")) {
                value = value.minus(term());
            } else {
                return value;
            }
        }
    }

    // term := signed (('*' | '/') signed | power)*, the bare power being an implied product
    private MathValue term() {
        MathValue value = signed();
        while (true) {
            if (eat("*")) {
                value = value.times(signed());
            } else if (eat("/")) {
                value = value.dividedBy(signed());
            } else if (startsFactor()) {
                value = value.times(power());
            } else {
                return value;
            }
        }
    }

    // signed := ('-' | '+')* power; a loop, so that a long run of signs cannot recurse
    private MathValue signed() {
        boolean negative = false;
        while (true) {
            if (eat("-")) {
                negative = !negative;
            } else if (!eat("+")) {
                break;
            }
        }
        MathValue value = power();
        return negative ? value.negated() : value;
    }

    // power := primary ('^' signed)?, so -2^2 is -4 and 2^3^2 is 2^9. Every recursion passes here.
    private MathValue power() {
        if (++depth > MAX_DEPTH) {
            throw new NotANumber();
        }
        MathValue base = primary();
        MathValue value = eat("^") ? base.pow(signed()) : base;
        depth--;
        return value;
    }

    // primary := '(' expression ')' | '{' expression '}' | '\frac' argument argument | '\sqrt' argument
    //          | number ['\frac' argument argument]
    private MathValue primary() {
        if (eat("(")) {
            return closedBy(")");
        }
        if (eat("{")) {
            return closedBy("}");
        }
        if (eat("\\frac")) {
            return fraction();
        }
        if (eat("\\sqrt")) {
            return argument().sqrt();
        }
        MathValue number = number();
        return eat("\\frac") ? number.plus(fraction()) : number;  // a mixed number: 1\frac{1}{2} is 3/2
    }

    private MathValue fraction() {
        MathValue numerator = argument();
        return numerator.dividedBy(argument());
    }

    // argument := '{' expression '}' | digit: a LaTeX argument is a group or one character, so \frac12 is 1/2
    private MathValue argument() {
        if (eat("{")) {
            return closedBy("}");
        }
        if (pos < text.length() && isDigit(text.charAt(pos))) {
            return MathValue.of(Rational.of(text.charAt(pos++) - '0'));
        }
        throw new NotANumber();
    }

    private MathValue number() {
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        if (!number.lookingAt()) {
            throw new NotANumber();
        }
        pos = number.end();
        return MathValue.of(new BigDecimal(number.group()));
    }

    private MathValue closedBy(String close) {
        MathValue value = expression();
        if (!eat(close)) {
            throw new NotANumber();
        }
        return value;
    }

    private boolean startsFactor() {
        return pos < text.length()
                && (isDigit(text.charAt(pos)) || text.startsWith("(", pos) || text.startsWith("{", pos)
                        || text.startsWith("\\frac", pos) || text.startsWith("\\sqrt", pos));
    }

    private boolean eat(String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
