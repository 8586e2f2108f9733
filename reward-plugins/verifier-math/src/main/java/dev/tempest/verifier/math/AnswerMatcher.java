package dev.tempest.verifier.math;

import dev.tempest.verifier.math.Answer.Assignment;
import dev.tempest.verifier.math.Answer.Choice;
import dev.tempest.verifier.math.Answer.Group;
import dev.tempest.verifier.math.Answer.Matrix;
import dev.tempest.verifier.math.Answer.Relation;
import dev.tempest.verifier.math.Answer.Scalar;
import dev.tempest.verifier.math.Answer.Union;
import dev.tempest.verifier.math.Expression.Binary;
import dev.tempest.verifier.math.Expression.Literal;
import dev.tempest.verifier.math.ExpressionEquivalence.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a model's {@link Answer} means the reference's, shape by shape:
 * <ul>
 *   <li>an assignment is its value (x = 3 is 3), unless both sides are assignments (then the
 *       names must agree) or equations; a model's equation against a plain value is its right
 *       side;</li>
 *   <li>equations and inequalities agree when one side-difference is a constant multiple of the
 *       other, positive for inequalities (x < 1 is -x > -1; 2x + 4y = 3 is y = -x/2 + 3/4); a bound
 *       on a name is the interval it describes (x > 5 is (5, \infty));</li>
 *   <li>tuples, intervals and bare lists agree element by element in order, with the same
 *       brackets (parentheses optional); a set agrees with a set or a bare list holding the same
 *       elements in any order; unions agree part for part in any order; matrices cell by cell;
 *       assignments to distinct names (a = 1, b = 2) agree name by name;</li>
 *   <li>values agree by {@link ExpressionEquivalence}; an answer of p% agrees with p, and with
 *       p/100 unless the question asks for a percentage; what is not an expression agrees as
 *       text, ignoring spacing, and case too for words ("Evelyn", "odd"); a choice letter agrees
 *       with the same letter, and "(D) 24" with 24 too.</li>
 * </ul>
 * When unsure, not equal: a false positive rewards a wrong answer.
 */
final class AnswerMatcher {

    private static final Pattern PROSE = Pattern.compile("[A-Za-z ]*[A-Za-z]{3}[A-Za-z ]*");
    private static final Pattern SPACE_NOT_BETWEEN_WORDS = Pattern.compile("(?<![A-Za-z0-9]) | (?![A-Za-z0-9])");
    private static final String INFINITY = "\\infty";
    private static final Literal HUNDRED = new Literal(MathValue.of(Rational.of(100)), false);

    private final ExpressionEquivalence equivalence;

    AnswerMatcher(double relativeTolerance) {
        this.equivalence = new ExpressionEquivalence(relativeTolerance);
    }

    /** Whether {@code answer} means {@code reference}; {@link WorkBudget.Exhausted} if that costs too much to decide. */
    boolean matches(Answer answer, Answer reference, QuestionHints question, WorkBudget budget) {
        return new Comparison(question, budget).matches(answer, reference);
    }

    /** One comparison's question and budget, so that the recursion need not pass them along. */
    private final class Comparison {
        private final QuestionHints question;
        private final WorkBudget budget;

        Comparison(QuestionHints question, WorkBudget budget) {
            this.question = question;
            this.budget = budget;
        }

        boolean matches(Answer answer, Answer reference) {
            if (answer.equals(reference)) {
                return true;
            }
            if (isEquation(answer) && isEquation(reference)) {
                return equations(answer, reference);
            }
            if (answer instanceof Assignment assignment) {
                return matches(assignment.value(), reference);
            }
            if (reference instanceof Assignment assignment) {
                return matches(answer, assignment.value());
            }
            if (answer instanceof Relation relation && relation.operator().equals("=") && !(reference instanceof Relation)) {
                return AnswerParser.parse(relation.right(), reference instanceof Scalar)
                        .map(right -> matches(right, reference))
                        .orElse(false);
            }
            if (answer instanceof Relation relation && reference instanceof Group) {
                return ray(relation).map(interval -> matches(interval, reference)).orElse(false);
            }
            if (reference instanceof Relation relation && answer instanceof Group) {
                return ray(relation).map(interval -> matches(answer, interval)).orElse(false);
            }
            if (answer instanceof Group a && reference instanceof Group r) {
                return groups(a, r);
            }
            if (answer instanceof Union a && reference instanceof Union r) {
                return sameElements(a.parts(), r.parts());
            }
            if (answer instanceof Matrix a && reference instanceof Matrix r) {
                return matrices(a, r);
            }
            if (answer instanceof Scalar a && reference instanceof Scalar r) {
                return scalars(a, r);
            }
            if (letter(answer).isPresent() && letter(reference).isPresent()) {
                return letter(answer).equals(letter(reference));
            }
            // "(D) 24" against 24: the option's value
            if (answer instanceof Choice choice && choice.value() != null) {
                return matches(choice.value(), reference);
            }
            return reference instanceof Choice choice && choice.value() != null && matches(answer, choice.value());
        }

        /** Reading is work too: a set of 64 long elements is read 64 times 64 times. */
        private Optional<Expression> parse(String text) {
            budget.spend(text.length() + 1L);
            return ExpressionParser.parse(text);
        }

        private boolean equations(Answer answer, Answer reference) {
            if (answer instanceof Assignment a && reference instanceof Assignment r) {
                return a.canonicalName().equals(r.canonicalName()) && matches(a.value(), r.value());
            }
            return relations(asRelation(answer), asRelation(reference));
        }

        private boolean relations(Relation answer, Relation reference) {
            if (!answer.operator().equals(reference.operator())) {
                return false;
            }
            Optional<Expression> answerLeft = parse(answer.left());
            Optional<Expression> answerRight = parse(answer.right());
            Optional<Expression> referenceLeft = parse(reference.left());
            Optional<Expression> referenceRight = parse(reference.right());
            if (answerLeft.isEmpty() || answerRight.isEmpty() || referenceLeft.isEmpty() || referenceRight.isEmpty()) {
                return false;
            }
            boolean inequality = answer.operator().equals("<") || answer.operator().equals("≤");
            return equivalence.proportional(
                    new Binary(Operator.MINUS, answerLeft.get(), answerRight.get()),
                    new Binary(Operator.MINUS, referenceLeft.get(), referenceRight.get()),
                    inequality, budget) == Outcome.EQUAL;
        }

        private boolean groups(Group answer, Group reference) {
            if (answer.isSet() || reference.isSet()
                    || question.listsAreUnordered() && answer.isBare() && reference.isBare()) {
                return (answer.isSet() || answer.isBare()) && (reference.isSet() || reference.isBare())
                        && sameElements(answer.items(), reference.items());
            }
            boolean sameBrackets = answer.open().equals(reference.open()) && answer.close().equals(reference.close());
            boolean optionalParentheses = answer.isBare() && reference.open().equals("(") && reference.close().equals(")")
                    || reference.isBare() && answer.open().equals("(") && answer.close().equals(")");
            if (!sameBrackets && !optionalParentheses) {
                return false;
            }
            Optional<Boolean> byName = byName(answer.items(), reference.items());
            return byName.orElseGet(() -> inOrder(answer.items(), reference.items()));
        }

        private boolean inOrder(List<Answer> answer, List<Answer> reference) {
            if (answer.size() != reference.size()) {
                return false;
            }
            for (int i = 0; i < answer.size(); i++) {
                if (!matches(answer.get(i), reference.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** a_3 = 2, a_37 = 19 against a_37 = 19, a_3 = 2; empty unless both are assignments to distinct names. */
        private Optional<Boolean> byName(List<Answer> answer, List<Answer> reference) {
            Optional<Map<String, Answer>> got = valuesByName(answer);
            Optional<Map<String, Answer>> expected = valuesByName(reference);
            if (got.isEmpty() || expected.isEmpty()) {
                return Optional.empty();
            }
            if (!got.get().keySet().equals(expected.get().keySet())) {
                return Optional.of(false);
            }
            return Optional.of(got.get().entrySet().stream()
                    .allMatch(entry -> matches(entry.getValue(), expected.get().get(entry.getKey()))));
        }

        /** Both sides' distinct elements, paired one to one (a perfect matching, by augmenting paths). */
        private boolean sameElements(List<Answer> answer, List<Answer> reference) {
            List<Answer> got = distinct(answer);
            List<Answer> expected = distinct(reference);
            if (got.size() != expected.size()) {
                return false;
            }
            boolean[][] equal = new boolean[got.size()][expected.size()];
            for (int i = 0; i < got.size(); i++) {
                for (int j = 0; j < expected.size(); j++) {
                    equal[i][j] = matches(got.get(i), expected.get(j));
                }
            }
            int[] partnerOfExpected = new int[expected.size()];
            Arrays.fill(partnerOfExpected, -1);
            for (int i = 0; i < got.size(); i++) {
                if (!augment(i, equal, partnerOfExpected, new boolean[expected.size()])) {
                    return false;
                }
            }
            return true;
        }

        private boolean augment(int i, boolean[][] equal, int[] partnerOfExpected, boolean[] visited) {
            for (int j = 0; j < partnerOfExpected.length; j++) {
                if (equal[i][j] && !visited[j]) {
                    visited[j] = true;
                    if (partnerOfExpected[j] < 0 || augment(partnerOfExpected[j], equal, partnerOfExpected, visited)) {
                        partnerOfExpected[j] = i;
                        return true;
                    }
                }
            }
            return false;
        }

        /** A set's elements once each: {(3, 17), (3, 17), (2, 3)} has two. */
        private List<Answer> distinct(List<Answer> items) {
            List<Answer> kept = new ArrayList<>();
            for (Answer item : items) {
                if (kept.stream().noneMatch(earlier -> matches(item, earlier))) {
                    kept.add(item);
                }
            }
            return kept;
        }

        private boolean matrices(Matrix answer, Matrix reference) {
            if (answer.rows().size() != reference.rows().size()) {
                return false;
            }
            for (int i = 0; i < answer.rows().size(); i++) {
                if (!inOrder(answer.rows().get(i), reference.rows().get(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean scalars(Scalar answer, Scalar reference) {
            if (sameText(answer.text(), reference.text())) {
                return true;
            }
            Optional<Expression> got = parse(answer.text());
            Optional<Expression> expected = parse(reference.text());
            if (got.isEmpty() || expected.isEmpty()) {
                return false;
            }
            if (equivalence.compare(got.get(), expected.get(), budget) == Outcome.EQUAL) {
                return true;
            }
            // p% is also the fraction p/100, unless the question counts in percent
            return answer.percent() && !reference.percent() && !question.asksForPercent()
                    && equivalence.compare(new Binary(Operator.DIVIDE, got.get(), HUNDRED), expected.get(), budget)
                            == Outcome.EQUAL;
        }
    }

    private static boolean isEquation(Answer answer) {
        return answer instanceof Assignment || answer instanceof Relation;
    }

    private static Relation asRelation(Answer equation) {
        return equation instanceof Assignment assignment
                ? new Relation(assignment.name(), "=", assignment.valueText())
                : (Relation) equation;
    }

    /** x > 5 is the interval (5, \\infty), x ≤ 3 is (-\\infty, 3]: a bound on a name, or empty. */
    private static Optional<Answer> ray(Relation relation) {
        boolean strict = relation.operator().equals("<");
        if (!strict && !relation.operator().equals("≤")) {
            return Optional.empty();
        }
        boolean leftIsName = RelationParser.isName(relation.left());
        boolean rightIsName = RelationParser.isName(relation.right());
        if (leftIsName == rightIsName) {
            return Optional.empty();
        }
        Scalar bound = new Scalar(rightIsName ? relation.left() : relation.right(), false);
        return Optional.of(rightIsName
                ? new Group(strict ? "(" : "[", ")", List.of(bound, new Scalar(INFINITY, false)))
                : new Group("(", strict ? ")" : "]", List.of(new Scalar("-" + INFINITY, false), bound)));
    }

    private static Optional<Map<String, Answer>> valuesByName(List<Answer> items) {
        Map<String, Answer> values = new HashMap<>();
        for (Answer item : items) {
            if (!(item instanceof Assignment assignment) || values.put(assignment.canonicalName(), assignment.value()) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** A choice letter: (C), or a lone capital C. */
    private static Optional<Character> letter(Answer answer) {
        if (answer instanceof Choice choice) {
            return Optional.of(choice.letter());
        }
        if (answer instanceof Scalar scalar && scalar.text().length() == 1 && Character.isUpperCase(scalar.text().charAt(0))) {
            return Optional.of(scalar.text().charAt(0));
        }
        return Optional.empty();
    }

    private static boolean sameText(String answer, String reference) {
        String a = SPACE_NOT_BETWEEN_WORDS.matcher(answer.strip()).replaceAll("");
        String r = SPACE_NOT_BETWEEN_WORDS.matcher(reference.strip()).replaceAll("");
        return a.equals(r) || PROSE.matcher(a).matches() && PROSE.matcher(r).matches() && a.equalsIgnoreCase(r);
    }
}
