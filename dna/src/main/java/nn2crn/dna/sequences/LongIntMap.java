package nn2crn.dna.sequences;

import java.util.Arrays;

/** An open-addressing map from long keys to int values (absent reads as the default), for window hashing. */
final class LongIntMap {

    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;
    private final int absent;

    LongIntMap(int expected, int absent) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        this.absent = absent;
    }

    int size() {
        return size;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    int get(long key) {
        int i = slot(key);
        return keys[i] == EMPTY ? absent : values[i];
    }

    void put(long key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        int i = slot(key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
            values[i] = value;
            if (size * 2 > keys.length) {
                grow();
            }
        } else {
            values[i] = value;
        }
    }

    /** Adds delta to the value (absent counts as the default) and returns the new value. */
    int add(long key, int delta) {
        int i = slot(key);
        if (keys[i] == EMPTY) {
            put(key, absent + delta);
            return absent + delta;
        }
        values[i] += delta;
        return values[i];
    }

    /** Removes the key (backward-shift deletion, so that probing stays correct); no-op when absent. */
    void remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key);
        if (keys[i] == EMPTY) {
            return;
        }
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                break;
            }
            int home = mix(keys[j]) & mask;
            // keys[j] may move into the hole at i when its home is not cyclically within (i, j]
            if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
