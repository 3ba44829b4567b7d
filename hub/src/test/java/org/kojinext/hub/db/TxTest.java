package org.kojinext.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestPostgres;

/** A request's transaction: reads in autocommit, a transaction from the first write or lock on. */
class TxTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(TestPostgres.newDatabase(), "postgres", null, 4);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static int insertUser(Tx tx, String name) {
        return tx.dsl().insertInto(USERS).set(USERS.NAME, name).set(USERS.STATUS, 0).set(USERS.USERTYPE, 0)
                .returning(USERS.ID).fetchSingle().getId();
    }

    private static boolean exists(String name) {
        try (Tx tx = db.begin()) {
            return tx.dsl().fetchExists(USERS, USERS.NAME.eq(name));
        }
    }

    @Test
    void aLockingReadHoldsItsLockUntilTheRequestEnds() {
        int id;
        try (Tx setup = db.begin()) {
            id = insertUser(setup, "locked-row");
            setup.finish();
        }
        try (Tx a = db.begin(); Tx b = db.begin()) {
            a.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetch();
            assertThat(a.wrote()).isFalse();
            // Were A still in autocommit, its lock would be gone already and B would get the row.
            assertThatThrownBy(() -> b.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().noWait().fetch())
                    .isInstanceOf(DataAccessException.class);
            b.rollback();
            a.finish();
            assertThat(b.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().noWait().fetch()).hasSize(1);
            b.finish();
        }
    }

    @Test
    void readsBeforeAWriteDoNotSplitTheWriteFromItsRollback() {
        try (Tx tx = db.begin()) {
            assertThat(tx.dsl().fetchExists(USERS, USERS.NAME.eq("half-written"))).isFalse();
            insertUser(tx, "half-written");
            assertThat(tx.wrote()).isTrue();
            insertUser(tx, "half-written-2");
            tx.rollback();
        }
        assertThat(exists("half-written")).isFalse();
        assertThat(exists("half-written-2")).isFalse();
    }

    @Test
    void aFailedStepIsUndoneAloneAndTheRestCommits() {
        try (Tx tx = db.begin()) {
            tx.dsl().fetchExists(USERS, USERS.NAME.eq("anyone"));
            Tx.Step first = tx.step();
            insertUser(tx, "step-kept");
            Tx.Step second = tx.step();
            insertUser(tx, "step-undone");
            tx.undo(second);
            assertThat(tx.wrote()).isTrue();
            Tx.Step third = tx.step();
            tx.dsl().fetchExists(USERS, USERS.NAME.eq("step-kept"));
            tx.undo(third);
            assertThat(first.wroteBefore()).isFalse();
            tx.finish();
        }
        assertThat(exists("step-kept")).isTrue();
        assertThat(exists("step-undone")).isFalse();
    }

    @Test
    void aReadOnlyTxRefusesWritesBeforeTheyRun() {
        try (Tx tx = db.begin()) {
            tx.readOnly(true);
            assertThatThrownBy(() -> insertUser(tx, "sneaky")).hasMessageContaining("read-only");
            tx.finish();
        }
        assertThat(exists("sneaky")).isFalse();
    }

    @Test
    void aFailedReadInAStepDoesNotPoisonTheWritesBeforeIt() {
        try (Tx tx = db.begin()) {
            tx.step();
            insertUser(tx, "before-bad-read");
            Tx.Step bad = tx.step();
            // PostgreSQL aborts the whole transaction on a failed statement unless a savepoint
            // lets the step be rolled back alone.
            assertThatThrownBy(() -> tx.dsl().select(DSL.inline(1).div(DSL.inline(0))).fetch())
                    .isInstanceOf(DataAccessException.class);
            tx.undo(bad);
            tx.step();
            assertThat(tx.dsl().fetchExists(USERS, USERS.NAME.eq("before-bad-read"))).isTrue();
            tx.finish();
        }
        assertThat(exists("before-bad-read")).isTrue();
    }
}
