package dev.zennas.proxy;

/** A proxy could not score a network; the message says why in one line. */
public class ProxyException extends RuntimeException {
    public ProxyException(String message) {
        super(message);
    }

    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
