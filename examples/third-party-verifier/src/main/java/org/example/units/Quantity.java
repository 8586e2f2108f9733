package org.example.units;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number with a unit, as written in text: {@code 1.5 km}, {@code 1500m}, {@code -3 s}. */
record Quantity(double value, String symbol, Unit unit) {

    private static final Pattern QUANTITY = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)\\b");

    /** The last quantity with a known unit in {@code text}. */
    static Optional<Quantity> lastIn(String text) {
        Matcher matcher = QUANTITY.matcher(text);
        Quantity last = null;
        while (matcher.find()) {
            Optional<Unit> unit = Unit.of(matcher.group(2));
            if (unit.isPresent()) {
                last = new Quantity(Double.parseDouble(matcher.group(1)), matcher.group(2), unit.get());
            }
        }
        return Optional.ofNullable(last);
    }

    double inBase() {
        return value * unit.toBase();
    }

    @Override
    public String toString() {
        return value + " " + symbol;
    }
}
