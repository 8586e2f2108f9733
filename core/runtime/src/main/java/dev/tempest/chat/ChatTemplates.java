package dev.tempest.chat;

import java.util.List;
import java.util.Optional;

/** The templates {@link ChatTemplate#forName} knows; each is stateless, so one instance serves every run. */
final class ChatTemplates {

    private static final List<ChatTemplate> ALL = List.of(new ChatMlTemplate(), new PlainTemplate());

    private ChatTemplates() {
    }

    static ChatTemplate forName(String name) {
        return ALL.stream().filter(template -> template.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown chat template \"" + name + "\"; the templates are "
                        + String.join(", ", names())));
    }

    static Optional<ChatTemplate> fromJinja(String text) {
        return ALL.stream().filter(template -> template.jinja().equals(text)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(ChatTemplate::name).toList();
    }
}
