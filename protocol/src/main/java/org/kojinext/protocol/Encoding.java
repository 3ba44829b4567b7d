package org.kojinext.protocol;

/** The two wire encodings the hub speaks on one endpoint, told apart by content type. */
public enum Encoding {
    XML("text/xml"),
    JSON("application/json");

    private final String contentType;

    Encoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
