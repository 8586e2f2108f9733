package dev.tempest.chat;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.DataRecord;
import dev.tempest.api.Messages;
import dev.tempest.api.Part;
import dev.tempest.api.PlainText;
import dev.tempest.api.PreferencePair;
import dev.tempest.api.PromptCompletion;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every template does the same way: records into messages, which the template renders one
 * by one, and plain text as it is. A template supplies one message's rendering and the start of
 * the assistant's turn.
 */
abstract class TurnTemplate implements ChatTemplate {

    /** Ends a plain-text completion, as TRL appends the end-of-text token; GPT-2's and Qwen2's, and Tempest's pre-training's. */
    static final String END_OF_TEXT = "<|endoftext|>";

    /** Appends {@code message}; when {@code trained}, the loss covers its content and whatever ends the turn. */
    abstract void message(Rendering out, ChatMessage message, boolean trained);

    /** Appends the start of the assistant's turn, which generation continues from; it is the header {@link #message} writes. */
    abstract void generationPrompt(Rendering out);

    /** The required tokens that end a turn of the model's. */
    abstract List<String> stopTokens();

    @Override
    public Set<Integer> stopIds(Tokenizer tokenizer) {
        requireTokens(tokenizer);
        return stopTokens().stream().map(token -> tokenizer.specialToken(token).getAsInt()).collect(Collectors.toUnmodifiableSet());
    }

    /** {@link #check} for callers that were to check first: a missing token here is a bug of theirs, not of the run's configuration. */
    void requireTokens(Tokenizer tokenizer) {
        try {
            check(tokenizer);
        } catch (MissingTokenException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public Example render(Tokenizer tokenizer, DataRecord record) {
        if (record instanceof ChatRecord chat) {
            Rendering out = new Rendering(this, tokenizer);
            chat.messages().forEach(message -> message(out, message, message.isAssistant()));
            return out.example();
        }
        if (record instanceof PromptCompletion pair) {
            return render(tokenizer, pair.prompt(), pair.completion());
        }
        throw new IllegalArgumentException("a " + record.getClass().getSimpleName() + " is no SFT example; chat"
                + " template " + name() + " renders chats and prompt/completion pairs"
                + (record instanceof PreferencePair ? " (render a preference pair's prompt with each answer)" : ""));
    }

    @Override
    public Example render(Tokenizer tokenizer, Part prompt, Part completion) {
        Rendering out = new Rendering(this, tokenizer);
        if (prompt instanceof PlainText text && completion instanceof PlainText answer) {
            out.text(text.text(), false);
            out.text(answer.text(), true);
            out.special(END_OF_TEXT, true);
        } else if (prompt instanceof Messages turns && completion instanceof Messages answer) {
            turns.messages().forEach(message -> message(out, message, false));
            answer.messages().forEach(message -> message(out, message, true));
        } else {
            throw new IllegalArgumentException("a prompt and its completion take one form: both plain text or both messages");
        }
        return out.example();
    }

    @Override
    public int[] renderPrompt(Tokenizer tokenizer, Part prompt) {
        if (prompt instanceof Messages turns) {
            return renderPrompt(tokenizer, turns.messages());
        }
        Rendering out = new Rendering(this, tokenizer);
        out.text(((PlainText) prompt).text(), false);
        return out.ids();
    }

    @Override
    public int[] renderPrompt(Tokenizer tokenizer, DataRecord record) {
        if (record instanceof ChatRecord chat) {
            List<ChatMessage> messages = chat.messages();
            boolean endsWithAnswer = messages.get(messages.size() - 1).isAssistant();
            return renderPrompt(tokenizer, endsWithAnswer ? messages.subList(0, messages.size() - 1) : messages);
        }
        if (record instanceof PromptCompletion pair) {
            return renderPrompt(tokenizer, pair.prompt());
        }
        if (record instanceof PreferencePair pair) {
            return renderPrompt(tokenizer, pair.prompt());
        }
        throw new IllegalArgumentException("chat template " + name() + " takes the prompt of a chat, a prompt/completion"
                + " pair or a preference pair, not of a " + record.getClass().getSimpleName() + "; render a Part made of it");
    }

    private int[] renderPrompt(Tokenizer tokenizer, List<ChatMessage> messages) {
        Rendering out = new Rendering(this, tokenizer);
        messages.forEach(message -> message(out, message, false));
        generationPrompt(out);
        return out.ids();
    }
}
