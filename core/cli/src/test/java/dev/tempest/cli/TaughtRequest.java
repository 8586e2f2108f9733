package dev.tempest.cli;

/** A request the GRPO tests fine-tune on, answered right or with the slip the fine-tuning data teaches. */
interface TaughtRequest {

    String prompt();

    /** The answer; {@code slip}: the wrong one the fine-tuning chats give some of the time. */
    String answer(boolean slip);
}
