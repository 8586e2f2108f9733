package dev.tempest.rollout;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.PlainText;
import dev.tempest.api.PromptCompletion;
import dev.tempest.api.RewardScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RL stage's reward for each completion: the weighted sum of its terms, each the score of
 * the task's verifier (already in the rollout's verdict) or of a reward model, which scores the
 * whole batch at once. A reward model sees the prompt and completion as the policy did: a user
 * turn and the assistant's answer when the policy speaks through a chat template, else plain
 * text; it renders them through its own template.
 */
public final class RolloutRewards implements AutoCloseable {

    /**
     * One term: {@code scorer} null for the task's verifier.
     *
     * @param name what the term's mean is logged under, {@code reward/NAME}
     */
    public record Term(String name, double weight, RewardScorer scorer) {
    }

    /** Each completion's reward (S), and each term's mean score before weighting, by {@code reward/NAME}. */
    public record Scored(double[] rewards, Map<String, Double> means) {
    }

    private final List<Term> terms;
    private final boolean conversational;

    /** @param conversational whether the policy's prompts go through a chat template */
    public RolloutRewards(List<Term> terms, boolean conversational) {
        this.terms = List.copyOf(terms);
        this.conversational = conversational;
    }

    /**
     * @throws IllegalStateException when a reward model fails, naming it: a stage cannot go on
     *         without its reward
     */
    public Scored score(List<Rollout> rollouts) {
        double[] rewards = new double[rollouts.size()];
        Map<String, Double> means = new LinkedHashMap<>();
        for (Term term : terms) {
            double[] scores = term.scorer() == null ? verdicts(rollouts) : modelScores(term, rollouts);
            double sum = 0;
            for (int i = 0; i < rewards.length; i++) {
                rewards[i] += term.weight() * scores[i];
                sum += scores[i];
            }
            means.put("reward/" + term.name(), rollouts.isEmpty() ? 0 : sum / rollouts.size());
        }
        return new Scored(rewards, means);
    }

    private static double[] verdicts(List<Rollout> rollouts) {
        return rollouts.stream().mapToDouble(rollout -> rollout.verdict().score()).toArray();
    }

    private double[] modelScores(Term term, List<Rollout> rollouts) {
        List<PromptCompletion> batch = new ArrayList<>(rollouts.size());
        for (Rollout rollout : rollouts) {
            batch.add(conversational
                    ? new PromptCompletion(new Messages(List.of(ChatMessage.user(rollout.task().prompt()))),
                            new Messages(List.of(ChatMessage.assistant(rollout.completion()))))
                    : new PromptCompletion(new PlainText(rollout.task().prompt()), new PlainText(rollout.completion())));
        }
        double[] scores;
        try {
            scores = term.scorer().score(batch);
        } catch (Exception e) {
            throw new IllegalStateException("reward model " + term.name() + " failed: " + e.getMessage(), e);
        }
        if (scores.length != batch.size()) {
            throw new IllegalStateException("reward model " + term.name() + " gave " + scores.length + " scores for "
                    + batch.size() + " completions");
        }
        for (double score : scores) {
            if (!Double.isFinite(score)) {
                throw new IllegalStateException("reward model " + term.name() + " gave a score of " + score);
            }
        }
        return scores;
    }

    @Override
    public void close() {
        terms.stream().filter(term -> term.scorer() != null).forEach(term -> term.scorer().close());
    }
}
