package org.kojinext.protocol;

/**
 * The bytes could not be decoded as a request or response of the expected encoding: broken
 * syntax, a forbidden construct (DTD, entity) or a limit exceeded. The message is safe to show
 * to the sender.
 */
public class MalformedRequestException extends Exception {
    public MalformedRequestException(String message) {
        super(message);
    }

    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
