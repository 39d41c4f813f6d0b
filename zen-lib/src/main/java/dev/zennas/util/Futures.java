package dev.zennas.util;

import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** What a failed background task threw, for the thread that waited on it. */
public final class Futures {

    private Futures() {
    }

    /**
     * The task's own failure as an unchecked exception to throw: a RuntimeException comes back as it is (callers see
     * the task's own message and type, e.g. a user error), an Error is rethrown here, anything else (a checked
     * exception) is wrapped by {@code wrap}.
     */
    public static RuntimeException failure(ExecutionException e, Function<Throwable, RuntimeException> wrap) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return wrap.apply(cause);
    }
}
