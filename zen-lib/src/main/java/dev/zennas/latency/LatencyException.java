package dev.zennas.latency;

/** A latency request that cannot be honoured (too large for memory, wrong threads, an unusable table). */
public class LatencyException extends RuntimeException {
    public LatencyException(String message) {
        super(message);
    }

    public LatencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
