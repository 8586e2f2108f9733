package org.example.units;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A unit and its size in its dimension's base unit (metre, kilogram, second). */
record Unit(String dimension, double toBase) {

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("mm", new Unit("length", 1e-3)),
            Map.entry("cm", new Unit("length", 1e-2)),
            Map.entry("m", new Unit("length", 1)),
            Map.entry("km", new Unit("length", 1e3)),
            Map.entry("in", new Unit("length", 0.0254)),
            Map.entry("ft", new Unit("length", 0.3048)),
            Map.entry("mi", new Unit("length", 1609.344)),
            Map.entry("mg", new Unit("mass", 1e-6)),
            Map.entry("g", new Unit("mass", 1e-3)),
            Map.entry("kg", new Unit("mass", 1)),
            Map.entry("lb", new Unit("mass", 0.45359237)),
            Map.entry("ms", new Unit("time", 1e-3)),
            Map.entry("s", new Unit("time", 1)),
            Map.entry("min", new Unit("time", 60)),
            Map.entry("h", new Unit("time", 3600)));

    static Optional<Unit> of(String symbol) {
        return Optional.ofNullable(UNITS.get(symbol.toLowerCase(Locale.ROOT)));
    }
}
