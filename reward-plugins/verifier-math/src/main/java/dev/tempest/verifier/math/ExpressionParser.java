package dev.tempest.verifier.math;

import dev.tempest.verifier.math.Expression.Binary;
import dev.tempest.verifier.math.Expression.Call;
import dev.tempest.verifier.math.Expression.Constant;
import dev.tempest.verifier.math.Expression.Literal;
import dev.tempest.verifier.math.Expression.Negation;
import dev.tempest.verifier.math.Expression.Variable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one answer element, as {@link AnswerNormalizer} leaves it, into an {@link Expression}:
 * numbers (decimals, {@code 1.5e3}, repeating decimals {@code 0.\overline{3}}), variables
 * ({@code x}, {@code a_{37}}, {@code \theta}), pi and e, {@code + - * / ^} (an exponent without
 * braces is one token, a whole number being one: 2^10 is 1024 as a model means it, {@code x^2y} is
 * x^2 times y), implied products ({@code 2x}, {@code 2\sqrt{2}},
 * {@code (x-2)(x+2)}), {@code \frac} with or without braces ({@code \frac94}), {@code \sqrt} and
 * {@code \sqrt[n]}, {@code \binom}, {@code |x|}, {@code n!}, mixed numbers ({@code 1\frac{1}{2}} is
 * 3/2), and the functions of {@link MathFunction} ({@code \sin^2 x}, {@code \log_2 8}).
 *
 * <p>Anything else is not an expression and {@link #parse} is empty: a word of four letters or more
 * (a word, not a product of variables), {@code \infty}, an unclosed bracket, text longer than
 * {@link #MAX_LENGTH} or nested deeper than {@link #MAX_DEPTH}. Two numbers side by side are not
 * multiplied: "1 2" is not 2.
 */
final class ExpressionParser {

    /** Longer elements are compared as text: no real answer is a thousand characters of algebra. */
    static final int MAX_LENGTH = 1_000;

    /** Nesting deeper than this is garbage, not mathematics; the limit keeps recursion off the stack's end. */
    static final int MAX_DEPTH = 100;

    private static final Pattern NUMBER = Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern REPEATING = Pattern.compile("\\\\overline\\s*(?:\\{\\s*(\\d+)\\s*\\}|(\\d))");
    private static final Pattern WORD = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{4,}");
    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z]+");
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon",
            "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau",
            "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma",
            "Phi", "Psi", "Omega");
    private static final Set<String> FACTOR_COMMANDS = Set.of("frac", "sqrt", "binom", "pi", "log");
    private static final Literal ONE = new Literal(MathValue.of(Rational.ONE), false);

    /** Thrown, without a stack trace, wherever the text stops being an expression. */
    private static final class NotAnExpression extends RuntimeException {
        NotAnExpression() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;
    private int depth;
    private int openBars;  // |...| being read: a bar then closes rather than opens

    private ExpressionParser(String text) {
        this.text = text;
    }

    static Optional<Expression> parse(String element) {
        if (element.isBlank() || element.length() > MAX_LENGTH || WORD.matcher(element).find()) {
            return Optional.empty();
        }
        ExpressionParser parser = new ExpressionParser(element);
        try {
            Expression expression = parser.expression();
            parser.skipSpaces();
            return parser.pos == element.length() ? Optional.of(expression) : Optional.empty();
        } catch (NotAnExpression | NumberFormatException e) {
            return Optional.empty();  // NumberFormatException: an exponent past int, as in 1e99999999999
        }
    }

    // expression := term (('+' | '-') term)*
    private Expression expression() {
        Expression value = term();
        while (true) {
            if (eat("+")) {
                value = new Binary(Operator.PLUS, value, term());
            } else if (eat("-")) {
                value = new Binary(Operator.MINUS, value, term());
            } else {
                return value;
            }
        }
    }

    // term := signed (('*' | '/') signed | power)*, the bare power being an implied product
    private Expression term() {
        Expression value = signed();
        while (true) {
            if (eat("*")) {
                value = new Binary(Operator.TIMES, value, signed());
            } else if (eat("/")) {
                value = new Binary(Operator.DIVIDE, value, signed());
            } else if (startsImpliedFactor()) {
                value = new Binary(Operator.TIMES, value, power());
            } else {
                return value;
            }
        }
    }

    // signed := ('-' | '+')* power; a loop, so that a long run of signs cannot recurse
    private Expression signed() {
        boolean negative = false;
        while (true) {
            if (eat("-")) {
                negative = !negative;
            } else if (!eat("+")) {
                break;
            }
        }
        Expression value = power();
        return negative ? new Negation(value) : value;
    }

    // power := postfix ('^' exponent)?, so -2^2 is -4
    private Expression power() {
        Expression base = postfix();
        return eat("^") ? new Binary(Operator.POWER, base, exponent()) : base;
    }

    // exponent := ('-' | '+')? primary ('^' exponent)?, so 2^3^2 is 2^9
    private Expression exponent() {
        enter();
        Expression value;
        if (eat("-")) {
            value = new Negation(exponent());
        } else {
            eat("+");
            skipSpaces();
            value = primary();
            if (eat("^")) {
                value = new Binary(Operator.POWER, value, exponent());
            }
        }
        depth--;
        return value;
    }

    // postfix := primary '!'*
    private Expression postfix() {
        Expression value = primary();
        while (eat("!")) {
            value = new Call(MathFunction.FACTORIAL, value);
        }
        return value;
    }

    // primary := '(' expression ')' | '{' expression '}' | '[' expression ']' | '|' expression '|'
    //          | number | command | variable
    private Expression primary() {
        enter();
        Expression value;
        skipSpaces();
        char c = peek();
        if (eat("(")) {
            value = closedBy(")");
        } else if (eat("{")) {
            value = closedBy("}");
        } else if (eat("[")) {
            value = closedBy("]");
        } else if (eat("|")) {
            openBars++;
            value = new Call(MathFunction.ABS, closedBy("|"));
            openBars--;
        } else if (c >= '0' && c <= '9' || c == '.') {
            value = number();
        } else if (eat("π")) {
            value = new Constant("pi", Math.PI);
        } else if (c == '\\') {
            value = command();
        } else if (Character.isLetter(c) && c < 128) {
            value = variable();
        } else {
            throw new NotAnExpression();
        }
        depth--;
        return value;
    }

    private Expression number() {
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        if (!number.lookingAt()) {
            throw new NotAnExpression();
        }
        pos = number.end();
        String written = number.group();
        Matcher repeating = REPEATING.matcher(text).region(pos, text.length());
        if (written.matches("\\d*\\.\\d*") && repeating.lookingAt()) {
            pos = repeating.end();
            String period = repeating.group(1) != null ? repeating.group(1) : repeating.group(2);
            return new Literal(MathValue.of(repeatingDecimal(written, period)), false);
        }
        boolean integer = written.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        Literal literal = new Literal(decimalValue(new BigDecimal(written)), !integer);
        if (integer && text.startsWith("\\frac", pos)) {
            // A mixed number, 1\frac{1}{2}, as textbooks mean it; 2\frac{x}{3} is a product
            Expression fraction = command();
            return isIntegerFraction(fraction)
                    ? new Binary(Operator.PLUS, literal, fraction)
                    : new Binary(Operator.TIMES, literal, fraction);
        }
        return literal;
    }

    /** 0.1\overline{6} is (16 - 1) / 90 = 1/6: the digits through one period, less those before it. */
    private static Rational repeatingDecimal(String written, String period) {
        String digitsBefore = written.substring(written.indexOf('.') + 1);
        String whole = written.substring(0, written.indexOf('.'));
        BigInteger through = new BigInteger((whole.isEmpty() ? "0" : whole) + digitsBefore + period);
        BigInteger before = new BigInteger((whole.isEmpty() ? "0" : whole) + digitsBefore);
        BigInteger scale = BigInteger.TEN.pow(digitsBefore.length());
        BigInteger nines = BigInteger.TEN.pow(period.length()).subtract(BigInteger.ONE);
        return new Rational(through.subtract(before), scale.multiply(nines));
    }

    /** Exact unless 10^scale alone would pass the exact size limit (1e999999). */
    private static MathValue decimalValue(BigDecimal decimal) {
        // 10^scale has scale * log2(10) < scale * 10 / 3 bits
        return Math.abs((long) decimal.scale()) * 10 / 3 <= MathValue.MAX_EXACT_BITS
                ? MathValue.of(Rational.of(decimal))
                : MathValue.approximately(decimal.doubleValue());
    }

    private static boolean isIntegerFraction(Expression fraction) {
        return fraction instanceof Binary quotient
                && quotient.left() instanceof Literal top && !top.decimal()
                && quotient.right() instanceof Literal bottom && !bottom.decimal();
    }

    private Expression command() {
        String name = commandName();
        switch (name) {
            case "frac":
                return new Binary(Operator.DIVIDE, argument(), argument());
            case "sqrt":
                return root();
            case "binom":
                return binomial(argument(), argument());
            case "pi":
                return new Constant("pi", Math.PI);
            case "log":
                return eat("_") ? logarithmToBase(argument()) : functionCall(MathFunction.LOG);
            default:
                if (GREEK.contains(name)) {
                    return new Variable("\\" + name + subscript());
                }
                return functionCall(MathFunction.named(name).orElseThrow(NotAnExpression::new));
        }
    }

    private String commandName() {
        if (!eat("\\")) {
            throw new NotAnExpression();
        }
        Matcher name = COMMAND_NAME.matcher(text).region(pos, text.length());
        if (!name.lookingAt()) {
            throw new NotAnExpression();
        }
        pos = name.end();
        return name.group();
    }

    // \sqrt[n]{x} is x^(1/n), exact where the root is rational and real for odd n
    private Expression root() {
        Expression index = new Literal(MathValue.of(Rational.of(2)), false);
        skipSpaces();
        if (eat("[")) {
            index = closedBy("]");
        }
        return new Binary(Operator.POWER, argument(), new Binary(Operator.DIVIDE, ONE, index));
    }

    /**
     * n choose k; for a small whole k, the polynomial n(n-1)...(n-k+1)/k!, so that \binom{n+1}{2}
     * is n(n+1)/2 for every n, not only where a factorial is defined.
     */
    private static Expression binomial(Expression n, Expression k) {
        if (k instanceof Literal literal && literal.value().isExact() && literal.value().exact().isInteger()
                && literal.value().exact().signum() >= 0 && literal.value().exact().bitLength() <= 6) {
            int count = literal.value().exact().numerator().intValueExact();
            Expression product = ONE;
            for (int i = 0; i < count; i++) {
                Expression factor = new Binary(Operator.MINUS, n, new Literal(MathValue.of(Rational.of(i)), false));
                product = new Binary(Operator.DIVIDE, new Binary(Operator.TIMES, product, factor),
                        new Literal(MathValue.of(Rational.of(i + 1)), false));
            }
            return product;
        }
        Expression factorialOfDifference = new Call(MathFunction.FACTORIAL, new Binary(Operator.MINUS, n, k));
        return new Binary(Operator.DIVIDE, new Call(MathFunction.FACTORIAL, n),
                new Binary(Operator.TIMES, new Call(MathFunction.FACTORIAL, k), factorialOfDifference));
    }

    private Expression logarithmToBase(Expression base) {
        Expression argument = functionArgument();
        return new Binary(Operator.DIVIDE, new Call(MathFunction.LN, argument), new Call(MathFunction.LN, base));
    }

    // \sin x, \sin(x), \sin^2 x (the square of the sine); \sin^{-1} is ambiguous and not read
    private Expression functionCall(MathFunction function) {
        Expression exponent = null;
        if (eat("^")) {
            exponent = exponent();
            if (exponent instanceof Negation) {
                throw new NotAnExpression();
            }
        }
        Expression call = new Call(function, functionArgument());
        return exponent == null ? call : new Binary(Operator.POWER, call, exponent);
    }

    // A bracketed argument, or the product of the factors that follow up to the next function: \sin 2x \cos y
    private Expression functionArgument() {
        skipSpaces();
        if (peek() == '(' || peek() == '{') {
            return primary();
        }
        Expression value = signed();
        while (startsImpliedFactor() && !startsFunction()) {
            value = new Binary(Operator.TIMES, value, power());
        }
        return value;
    }

    // argument := '{' expression '}' | one digit | one letter | command: a LaTeX argument, so \frac12 is 1/2
    private Expression argument() {
        enter();
        skipSpaces();
        char c = peek();
        Expression value;
        if (eat("{")) {
            value = closedBy("}");
        } else if (c >= '0' && c <= '9') {
            value = digit();
        } else if (c == '\\') {
            value = command();
        } else if (Character.isLetter(c) && c < 128) {
            pos++;
            value = letter(c, "");
        } else {
            throw new NotAnExpression();
        }
        depth--;
        return value;
    }

    private Expression digit() {
        return new Literal(MathValue.of(Rational.of(text.charAt(pos++) - '0')), false);
    }

    // variable := letter subscript? "'"*; e alone is Euler's number
    private Expression variable() {
        char c = text.charAt(pos++);
        return letter(c, subscript());
    }

    private static Expression letter(char c, String subscript) {
        return c == 'e' && subscript.isEmpty() ? new Constant("e", Math.E) : new Variable(c + subscript);
    }

    // subscript := '_' ('{' text '}' | one character), kept as part of the name: a_{37}, x_1
    private String subscript() {
        StringBuilder name = new StringBuilder();
        if (eat("_")) {
            int start = pos;
            if (eat("{")) {
                int close = text.indexOf('}', pos);
                if (close < 0) {
                    throw new NotAnExpression();
                }
                pos = close + 1;
                name.append('_').append(text, start + 1, close);
            } else if (pos < text.length()) {
                name.append('_').append(text.charAt(pos++));
            }
        }
        while (eat("'")) {
            name.append('\'');
        }
        return name.toString();
    }

    private Expression closedBy(String close) {
        Expression value = expression();
        if (!eat(close)) {
            throw new NotAnExpression();
        }
        return value;
    }

    private boolean startsImpliedFactor() {
        skipSpaces();
        char c = peek();
        if (c == '(' || c == '{' || c == '[' || c == 'π' || c == '|' && openBars == 0) {
            return true;
        }
        if (c == '\\') {
            return startsFunction() || FACTOR_COMMANDS.contains(nameAt(pos + 1)) || GREEK.contains(nameAt(pos + 1));
        }
        return Character.isLetter(c) && c < 128;
    }

    private boolean startsFunction() {
        return peek() == '\\' && MathFunction.named(nameAt(pos + 1)).isPresent();
    }

    private String nameAt(int start) {
        Matcher name = COMMAND_NAME.matcher(text).region(Math.min(start, text.length()), text.length());
        return name.lookingAt() ? name.group() : "";
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new NotAnExpression();
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean eat(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }
}
