package org.kojinext.hub.db;

import static org.jooq.impl.DSL.function;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.SQLDataType;
import org.kojinext.protocol.KojiFault;

/**
 * One request's transaction. The connection is taken from the pool on first use, so calls that
 * need no database never touch one. Statements run in autocommit mode until the first one that
 * writes or takes a row lock; the transaction begins just before it. Under PostgreSQL's READ
 * COMMITTED each statement sees a fresh snapshot anyway, so the reads before that point see what
 * they would have seen inside the transaction, and a request that only reads costs no BEGIN and
 * no ROLLBACK round trip. A request that wrote is committed at the end, as Koji does.
 *
 * <p>Not thread-safe: one request, one thread.
 */
public final class Tx implements AutoCloseable {
    static final Settings SETTINGS = new Settings()
            .withExecuteLogging(false)
            .withRenderSchema(false);

    /** The locking clauses jOOQ renders at the end of a SELECT. */
    private static final Pattern LOCKING_READ = Pattern.compile(
            "\\sfor\\s+(update|no\\s+key\\s+update|share|key\\s+share)(\\s+of\\s.*)?(\\s+(nowait|skip\\s+locked))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** The table a jOOQ-rendered write statement changes. */
    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "^\\s*(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?)\\s+\"?([A-Za-z_]\\w*)\"?(?=[\\s(]|$)",
            Pattern.CASE_INSENSITIVE);

    /**
     * What the patterns above found in each statement's text, remembered: the hub runs the same
     * few hundred statements over and over, and matching them anew was a few percent of its CPU.
     * Bounded, since a statement with inlined values is new every time.
     */
    private static final BoundedMemo<String> WRITTEN = new BoundedMemo<>(4096);
    private static final BoundedMemo<Boolean> LOCKING = new BoundedMemo<>(4096);
    /** What a statement writes when its table cannot be named (table names are never empty). */
    private static final String NO_TABLE = "";

    /** A map that forgets everything when full, which costs only the matching it saved. */
    private static final class BoundedMemo<V> {
        private final int max;
        private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();

        BoundedMemo(int max) {
            this.max = max;
        }

        V computeIfAbsent(String key, Function<String, V> f) {
            V v = map.get(key);
            if (v == null) {
                v = f.apply(key);
                if (map.size() >= max) {
                    map.clear();
                }
                map.put(key, v);
            }
            return v;
        }
    }

    /** Told, after each commit, which tables the transaction wrote. */
    @FunctionalInterface
    public interface CommitListener {
        CommitListener NONE = (tables, unknown) -> { };

        /**
         * @param tables  the tables written
         * @param unknown true if some statement wrote a table that could not be named
         */
        void committed(Set<String> tables, boolean unknown);
    }

    private final DataSource pool;
    private final CommitListener commitListener;
    private final Set<String> writtenTables = new HashSet<>();
    private boolean writtenUnknown;
    private Connection connection;
    private boolean inTransaction;
    private Step current;
    private DSLContext dsl;
    private boolean wrote;
    private boolean readOnly;
    private Integer eventId;

    Tx(DataSource pool, CommitListener commitListener) {
        this.pool = pool;
        this.commitListener = commitListener;
    }

    /** The typed SQL context, opening the connection if this is the first use. */
    public DSLContext dsl() {
        if (dsl == null) {
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw new KojiFault(1014, "database outage");
            }
            DefaultConfiguration cfg = new DefaultConfiguration();
            cfg.set(connection);
            cfg.set(SQLDialect.POSTGRES);
            cfg.set(SETTINGS);
            cfg.set(new DefaultExecuteListenerProvider(new WriteWatch()));
            dsl = DSL.using(cfg);
        }
        return dsl;
    }

    /** While set, any statement that would write fails the call instead of running. */
    public void readOnly(boolean on) {
        this.readOnly = on;
    }

    /** True once the transaction has written something. */
    public boolean wrote() {
        return wrote;
    }

    /**
     * The event that stamps this transaction's changes to versioned tables. Taken once and
     * reused, as Koji does; a multicall step starts with a fresh one.
     */
    public int eventId() {
        if (eventId == null) {
            beforeWrite();
            eventId = dsl().select(function("get_event", SQLDataType.INTEGER)).fetchSingle().value1();
            wrote = true;
        }
        return eventId;
    }

    /**
     * Makes the next change take a fresh event, as Koji does between the builds of a massTag, so
     * that their order in the history is their order in the call.
     */
    public void newEvent() {
        eventId = null;
    }

    /**
     * Starts one step of a multicall, with a new event. The step's savepoint is set only when it
     * first writes: a step that only reads has nothing to undo, so a multicall of reads costs no
     * savepoints and no transaction.
     */
    public Step step() {
        eventId = null;
        current = new Step(wrote, inTransaction);
        return current;
    }

    /** Undoes a failed step: to its savepoint, or the whole transaction if the step opened it. */
    public void undo(Step step) {
        eventId = null;
        current = null;
        try {
            if (step.savepoint != null) {
                connection.rollback(step.savepoint);
            } else if (inTransaction && !step.inTransactionBefore) {
                connection.rollback();
                endTransaction();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back step", e);
        }
        wrote = step.wroteBefore;
    }

    /** Commits if anything was written, otherwise rolls back. */
    public void finish() {
        if (!inTransaction) {
            return;
        }
        try {
            if (wrote) {
                connection.commit();
            } else {
                connection.rollback();
            }
            endTransaction();
        } catch (SQLException e) {
            throw new KojiFault(1, "commit failed: " + e.getMessage());
        }
        if (wrote) {
            commitListener.committed(Set.copyOf(writtenTables), writtenUnknown);
        }
        writtenTables.clear();
        writtenUnknown = false;
    }

    /**
     * Commits what was written so far and returns the connection to the pool, so that a call that
     * holds for a long time (a builder's long poll) pins no connection. The next statement takes
     * a connection again. Not inside a multicall step, whose savepoint would be lost.
     */
    public void release() {
        if (current != null) {
            throw new IllegalStateException("cannot release the connection inside a multicall");
        }
        finish();
        close();
    }

    public void rollback() {
        writtenTables.clear();
        writtenUnknown = false;
        if (inTransaction) {
            try {
                connection.rollback();
                endTransaction();
            } catch (SQLException ignored) {
                // The connection is returned to the pool next, which discards a broken one.
            }
        }
        wrote = false;
    }

    /** Leaves autocommit mode, so what runs next is one transaction. */
    private void begin() {
        if (inTransaction) {
            return;
        }
        dsl();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new KojiFault(1014, "database outage");
        }
        inTransaction = true;
    }

    private void endTransaction() throws SQLException {
        connection.setAutoCommit(true);
        inTransaction = false;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Returning to the pool failed; Hikari evicts the connection itself.
            }
            connection = null;
            dsl = null;
        }
    }

    /** Runs before anything that writes: refuses it in read-only mode, else opens the transaction. */
    private void beforeWrite() {
        if (readOnly) {
            throw KojiFault.generic("this method is read-only and attempted a write");
        }
        begin();
    }

    /**
     * Runs before every statement: a multicall step that runs SQL inside a transaction it did not
     * open gets its savepoint now. Reads need one too, because a failed statement aborts the
     * whole PostgreSQL transaction until it is rolled back to a savepoint.
     */
    private void guardStep() {
        if (inTransaction && current != null && current.inTransactionBefore && current.savepoint == null) {
            try {
                current.savepoint = connection.setSavepoint();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set savepoint", e);
            }
        }
    }

    /** A multicall step: what held before it, and its savepoint once it has written. */
    public static final class Step {
        private final boolean wroteBefore;
        private final boolean inTransactionBefore;
        private Savepoint savepoint;

        private Step(boolean wroteBefore, boolean inTransactionBefore) {
            this.wroteBefore = wroteBefore;
            this.inTransactionBefore = inTransactionBefore;
        }

        public boolean wroteBefore() {
            return wroteBefore;
        }
    }

    private void noteTable(String sql) {
        String table = sql == null ? NO_TABLE : WRITTEN.computeIfAbsent(sql, Tx::writtenTable);
        if (!table.isEmpty()) {
            writtenTables.add(table);
        } else {
            writtenUnknown = true;
        }
    }

    private static String writtenTable(String sql) {
        var m = WRITTEN_TABLE.matcher(sql);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : NO_TABLE;
    }

    private static boolean locking(String sql) {
        return LOCKING.computeIfAbsent(sql, q -> LOCKING_READ.matcher(q).find());
    }

    private final class WriteWatch implements ExecuteListener {
        @Override
        public void executeStart(ExecuteContext ctx) {
            if (ctx.type() != ExecuteType.READ) {
                beforeWrite();
                wrote = true;
                noteTable(ctx.sql());
            } else if (!inTransaction && ctx.sql() != null && locking(ctx.sql())) {
                // A row lock lasts only as long as its transaction: it needs one to mean anything.
                begin();
            }
            guardStep();
        }
    }

}
