package io.fedmq.node.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void readsWhatSensorBridgesPublish() {
        Map<String, Object> m = FlatJson.parse(" {\"temperature\": 21.5, \"co2\":612, \"date\":\"2026-02-04 17:51:00\", \"ok\":true,"
                + " \"battery\":null, \"note\":\"a \\\"quoted\\\" \\u00e9\", \"exp\": -1.5e-3} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("temperature", 21.5);
        expected.put("co2", 612.0);
        expected.put("date", "2026-02-04 17:51:00");
        expected.put("ok", true);
        expected.put("battery", null);
        expected.put("note", "a \"quoted\" é");
        expected.put("exp", -1.5e-3);
        assertEquals(expected, m);
        assertEquals(Map.of(), FlatJson.parse("{}"));
    }

    @Test
    void nestedValuesAreSkippedNotFatal() {
        Map<String, Object> m = FlatJson.parse("{\"update\":{\"state\":\"idle\",\"list\":[1,{\"a\":[]},\"x\"]},\"lux\":120,\"tags\":[]}");
        assertEquals(Map.of("lux", 120.0), m);
    }

    @Test
    void malformedTextSaysWhere() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"co2\": 612")).getMessage().contains("ends too early"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("[1,2]")).getMessage().contains("expected '{' at character 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":1} x")).getMessage().contains("after the object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":--1}")).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":\"open}")).getMessage().contains("not closed"));
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(deep)).getMessage().contains("nested too deep"));
    }

    @Test
    void quotesWhatItWrites() {
        assertEquals("\"pi \\\"1\\\"\\n\\u0001\"", FlatJson.quote(new StringBuilder(), "pi \"1\"\n\u0001").toString());
    }
}
