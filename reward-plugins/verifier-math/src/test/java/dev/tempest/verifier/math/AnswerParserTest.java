package dev.tempest.verifier.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.verifier.math.Answer.Assignment;
import dev.tempest.verifier.math.Answer.Choice;
import dev.tempest.verifier.math.Answer.Group;
import dev.tempest.verifier.math.Answer.Matrix;
import dev.tempest.verifier.math.Answer.Relation;
import dev.tempest.verifier.math.Answer.Scalar;
import dev.tempest.verifier.math.Answer.Union;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerParserTest {

    @Test
    void listsKeepTheirBracketsAndOrder() {
        assertEquals(group("(", ")", "1", "2"), parse("(1, 2)"));
        assertEquals(group("", "", "1", "2"), parse("1, 2"));
        assertEquals(group("[", ")", "0", "1"), parse("[0, 1)"));
        assertEquals(group("", "", "-12", "-11"), parse("-12; -11"), "semicolons when there is no comma");
        assertEquals(group("", "", "1", "3"), parse("{1, 3}"), "plain braces group, they make no set");
        assertEquals(scalar("(5)"), parse("(5)"), "one item in parentheses is a value, not a tuple");
        assertEquals(scalar("(1, 2) + (3, 4)"), parse("(1, 2) + (3, 4)"));
    }

    @Test
    void setsAreWrittenAsSetsOrCanOnlyBeSets() {
        assertEquals(Group.set(List.of(scalar("-1"), scalar("\\frac12"))), parse("\\{-1, \\frac12\\}"));
        assertEquals(Group.set(List.of(group("(", ")", "1", "2"), group("(", ")", "2", "1"))), parse("(1, 2), (2, 1)"),
                "a list of points");
        assertEquals(Group.set(List.of(scalar("1 + \\sqrt{2}"), scalar("1 - \\sqrt{2}"))), parse("1 \\pm \\sqrt{2}"));
        assertEquals(Group.set(List.of(scalar("4"), scalar("-8"))), parse("a = 4, -8"), "the values of one unknown");
        assertEquals(Group.set(List.of(scalar("-1"), scalar("4"))), parse("x = -1, x = 4"));
    }

    @Test
    void unionsMembershipAndDoubleInequalitiesAreSets() {
        assertEquals(new Union(List.of(group("(", ")", "-\\infty", "1"), group("[", "]", "2", "3"))),
                parse("(-\\infty, 1) ∪ [2, 3]"));
        assertEquals(group("[", "]", "2", "5"), parse("x ∈ [2, 5]"));
        assertEquals(group("[", ")", "2", "5"), parse("2 ≤ x < 5"));
        assertEquals(group("(", "]", "2", "5"), parse("5 ≥ x > 2"));
    }

    @Test
    void equationsAreAssignmentsOrRelations() {
        assertEquals(new Assignment("x", "3", scalar("3")), parse("x = 3"));
        assertEquals(new Assignment("x", "11", scalar("11")), parse("x = 5+5+1 = 11"), "a chain keeps its last value");
        assertEquals(scalar("0"), parse("1 = z = 0"));
        assertEquals(new Assignment("(p, q)", "(3, 2)", group("(", ")", "3", "2")), parse("(p, q) = (3, 2)"));
        assertEquals(scalar("11"), parse("x ≈ 11"));
        assertEquals(new Assignment("x", "1/3", scalar("1/3")), parse("x = 1/3 ≈ 0.33"));
        assertEquals(new Relation("2x + z", "=", "1"), parse("2x + z = 1"));
        assertEquals(new Relation("5", "<", "x"), parse("x > 5"), "turned so that the sign is < or ≤");
        assertEquals(scalar("f(2) < f(1) < f(4)"), parse("f(2) < f(1) < f(4)"));
    }

    @Test
    void valuesLoseTheirUnitsAndKeepTheirPercentSign() {
        assertEquals(scalar("12"), parse("12 cm"));
        assertEquals(scalar("4"), parse("4 square feet"));
        assertEquals(scalar("5ab"), parse("5ab"));
        assertEquals(scalar("5 ab"), parse("5 ab"), "two letters are not a unit");
        assertEquals(scalar("1\\frac{1}{2}"), parse("1 1/2"));
        assertEquals(new Scalar("28", true), parse("28%"));
        assertEquals(new Choice('C', null), parse("(C)"));
        assertEquals(new Choice('D', scalar("24")), parse("(D) 24"), "a contest's option with its value");
    }

    @Test
    void matricesAreReadCellByCell() {
        assertEquals(new Matrix(List.of(List.of(scalar("1"), scalar("2")), List.of(scalar("3"), scalar("4")))),
                parse("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"));
        assertEquals(new Matrix(List.of(List.of(scalar("1"), scalar("2")))),
                parse("[\\begin{array}{cc} 1 & 2 \\end{array}]"));
    }

    @Test
    void aDecimalCommaIsReadWhenOneValueIsExpected() {
        assertEquals(Optional.of(scalar("2.74")), AnswerParser.parse("2,74", true));
        assertEquals(Optional.of(group("", "", "2", "74")), AnswerParser.parse("2,74", false));
        assertEquals(Optional.empty(), AnswerParser.parse(" ", false));
    }

    private static Answer parse(String normalized) {
        return AnswerParser.parse(normalized, false).orElseThrow();
    }

    private static Scalar scalar(String text) {
        return new Scalar(text, false);
    }

    private static Group group(String open, String close, String... items) {
        return new Group(open, close, List.of(items).stream().map(AnswerParserTest::scalar).map(Answer.class::cast).toList());
    }
}
