package org.kojinext.hub.auth;

/**
 * A logged-in caller as its session row and user row describe it at the start of the request.
 *
 * @param master the top session when this is a subsession, else null
 * @param exclusive this session, or its master, holds the user's exclusive lock
 * @param lockError set when another session holds the user's exclusive lock
 * @param callnum the callnum this request carried, or null
 * @param hostId the host whose user this is, or null (read with the session: every builder call needs it)
 */
public record Session(int id, int userId, String userName, int userType, int authtype,
                      Integer master, boolean exclusive, String lockError, Integer callnum,
                      String hostip, boolean expired, Integer hostId) {
}
