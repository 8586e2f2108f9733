package dev.tempest.rollout;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.Task;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.train.EpochOrder;
import dev.tempest.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks an RL stage draws its prompts from, in an order shuffled anew each epoch from a
 * seed, and how a task's prompt becomes tokens: a user turn and the assistant's header through
 * the chat template, or the text as it is. Prompts are drawn by index, so rollout i always gets
 * the same prompts, which is what a resumed run needs.
 */
public final class TaskPrompts {

    private final EpochOrder<Task> tasks;
    private final Tokenizer tokenizer;
    private final ChatTemplate template; // null: prompts as they are

    public TaskPrompts(List<Task> tasks, Tokenizer tokenizer, ChatTemplate template, long seed) {
        this.tasks = new EpochOrder<>(tasks, seed);
        this.tokenizer = tokenizer;
        this.template = template;
    }

    /** Tasks {@code from, from + 1, ..., from + count - 1} of the endless shuffled sequence. */
    public List<Task> draw(long from, int count) {
        List<Task> drawn = new ArrayList<>(count);
        tasks.seek(from);
        for (int i = 0; i < count; i++) {
            drawn.add(tasks.take());
        }
        return drawn;
    }

    /** The tokens {@code task}'s prompt is given to the model as. */
    public int[] prompt(Task task) {
        return render(tokenizer, template, task);
    }

    /** A task's prompt as a user turn and the assistant's header through {@code template}, or as it is where that is null. */
    public static int[] render(Tokenizer tokenizer, ChatTemplate template, Task task) {
        return template != null ? template.renderPrompt(tokenizer, new Messages(List.of(ChatMessage.user(task.prompt()))))
                : tokenizer.encode(task.prompt());
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ChatTemplate template() {
        return template;
    }
}
