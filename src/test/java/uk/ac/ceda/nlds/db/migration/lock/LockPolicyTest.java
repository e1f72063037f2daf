package uk.ac.ceda.nlds.db.migration.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class LockPolicyTest {

    @Test
    void withoutSettingsLockWaitsAreBoundedAndRetriedButTheMigrationLockIsAwaitedAsLongAsItTakes() {
        LockPolicy policy = LockPolicy.from(Map.<String, String>of()::get);

        assertThat(policy).isEqualTo(LockPolicy.DEFAULT);
        assertThat(policy.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.lockRetryFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.lockWait()).isNull();
        assertThat(policy.sessionOptions())
                .isEqualTo("-c lock_timeout=5000 -c statement_timeout=0 -c idle_in_transaction_session_timeout=0");
    }

    @Test
    void readsSpringDurationsFromTheSettings() {
        LockPolicy policy = LockPolicy.from(Map.of(LockPolicy.LOCK_TIMEOUT, "750ms", LockPolicy.LOCK_RETRY_FOR, "2m",
                LockPolicy.LOCK_WAIT, "PT30S", LockPolicy.STATEMENT_TIMEOUT, "1h")::get);

        assertThat(policy).isEqualTo(new LockPolicy(Duration.ofMillis(750), Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThat(policy.sessionOptions()).startsWith("-c lock_timeout=750 -c statement_timeout=3600000 ");
    }

    @Test
    void aMalformedOrNonPositiveDurationIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LockPolicy.from(Map.of(LockPolicy.LOCK_TIMEOUT, "soon")::get))
                .hasMessage("nlds.migration.lock-timeout is 'soon': use a duration such as 5s, 500ms or 10m");
        assertThatThrownBy(() -> LockPolicy.from(Map.of(LockPolicy.LOCK_WAIT, "0s")::get))
                .hasMessage("nlds.migration.lock-wait is '0s': it must be longer than zero");
    }

    @Test
    void describesDurationsAsMessagesShowThem() {
        assertThat(LockPolicy.describe(Duration.ofMillis(200))).isEqualTo("200 ms");
        assertThat(LockPolicy.describe(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(LockPolicy.describe(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(LockPolicy.describe(Duration.ofSeconds(270))).isEqualTo("4 min 30 s");
    }

    @Test
    void onlyALockTimeoutAnywhereInTheCauseChainIsRetried() {
        SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
        SQLException statementTimeout = new SQLException("canceling statement due to statement timeout", "57014");

        assertThat(LockTimeoutRetry.isLockTimeout(new FlywayException("V3 failed", new RuntimeException(lockTimeout))))
                .isTrue();
        assertThat(LockTimeoutRetry.isLockTimeout(new FlywayException("V3 failed", statementTimeout))).isFalse();
        assertThat(LockTimeoutRetry.isLockTimeout(new FlywayException("V3 failed"))).isFalse();
    }
}
