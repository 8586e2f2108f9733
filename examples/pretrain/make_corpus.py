#!/usr/bin/env python3
"""Writes data/stories.jsonl: short stories from a small grammar, so the example needs no download.

The stories are regular enough for a small model to learn in a few minutes (who does what,
where, and why), and varied enough that memorising the training set does not help on the
held-out share. Deterministic: the same seed writes the same file.
"""
import json
import random

NAMES = ["Mara", "Tom", "Lena", "Sam", "Ada", "Ben", "Ivy", "Noah", "Ruth", "Finn", "Zoe", "Omar"]
ANIMALS = ["fox", "owl", "cat", "dog", "hare", "crow", "mouse", "goat", "frog", "duck"]
PLACES = ["the river", "the old mill", "the market", "the forest", "the hill", "the harbour",
          "the library", "the garden", "the bridge", "the bakery"]
THINGS = ["a red kite", "a blue stone", "a small lamp", "a map", "a wooden boat", "a silver key",
          "a warm loaf", "a lost glove", "a jar of honey", "a book of songs"]
FEELINGS = ["happy", "tired", "curious", "brave", "worried", "proud", "sleepy", "glad"]
TIMES = ["In the morning", "At noon", "In the evening", "One rainy day", "On a cold night", "Before dawn"]


def story(rng):
    name, friend = rng.sample(NAMES, 2)
    animal = rng.choice(ANIMALS)
    place, other = rng.sample(PLACES, 2)
    thing = rng.choice(THINGS)
    feeling = rng.choice(FEELINGS)
    time = rng.choice(TIMES)
    lines = [
        f"{time}, {name} walked to {place} with a little {animal}.",
        f"There {name} found {thing} under a tree.",
        f"{name} was {feeling}, so {name} carried {thing} to {other}.",
        f"At {other}, {friend} said, \"That is {thing}! I lost it last week.\"",
        f"{name} gave {thing} to {friend}, and the {animal} sat down to rest.",
        f"From that day on, {name} and {friend} met at {other} every week.",
    ]
    return " ".join(lines[: rng.randint(4, 6)])


def main():
    rng = random.Random(1234)
    with open("data/stories.jsonl", "w", encoding="utf-8") as out:
        for _ in range(3000):
            out.write(json.dumps({"text": story(rng)}) + "\n")


if __name__ == "__main__":
    main()
