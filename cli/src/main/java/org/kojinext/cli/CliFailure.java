package org.kojinext.cli;

/**
 * A command's own error, as Koji's CLI reports with {@code error(...)}: the message goes to
 * standard error as one line and the command exits with the status (1 unless said otherwise).
 */
public final class CliFailure extends RuntimeException {
    private final int status;

    public CliFailure(String message) {
        this(message, 1);
    }

    public CliFailure(String message, int status) {
        super(message);
        this.status = status;
    }

    /** A failure caused by another error, whose trace {@code --debug} shows. */
    public CliFailure(String message, Throwable cause) {
        super(message, cause);
        this.status = 1;
    }

    public int status() {
        return status;
    }
}
