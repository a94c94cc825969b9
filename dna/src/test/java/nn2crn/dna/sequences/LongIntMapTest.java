package nn2crn.dna.sequences;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongIntMapTest {

    @Test
    void removeKeepsEveryOtherKeyReachable() {
        LongIntMap m = new LongIntMap(16, -1);
        Map<Long, Integer> ref = new HashMap<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            long key = r.nextInt(5_000); // many collisions and wrap-arounds
            if (r.nextInt(3) == 0) {
                m.remove(key);
                ref.remove(key);
            } else {
                m.put(key, i);
                ref.put(key, i);
            }
        }
        assertEquals(ref.size(), m.size());
        for (long key = 0; key < 5_000; key++) {
            assertEquals(ref.getOrDefault(key, -1), m.get(key), "key " + key);
        }
    }
}
