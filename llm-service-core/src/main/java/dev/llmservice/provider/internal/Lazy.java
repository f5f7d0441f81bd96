package dev.llmservice.provider.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed once, on first {@link #get()}, by whichever thread gets there first; thread-safe. A supplier
 * that throws is tried again on the next call.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(supplier.get(), "lazy value");
                    value = v;
                }
            }
        }
        return v;
    }
}
