package dev.tempest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SystemCheckTest {

    @Test
    void aFailedCheckMustSayHowToFixIt() {
        Exception refused = assertThrows(IllegalArgumentException.class, () -> SystemCheck.failed("node", "not found", " "));

        assertEquals("failed check node needs a fix", refused.getMessage());
    }
}
