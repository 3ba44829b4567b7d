package org.kojinext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kojinext.protocol.Encoding;

class ReportTest {
    private static final long FIVE_SECONDS = 5_000_000_000L;
    private static final CpuMeter.Usage BUSY_HUB = new CpuMeter.Usage(1.0, 0.75, 0.25, true, 0.20);

    private static CellResult cell(ApiCall call, Encoding enc, int clients, int requests, long errors,
            CpuMeter.Usage cpu) {
        Latencies lat = new Latencies();
        for (int i = 0; i < requests; i++) {
            lat.add(i < requests - 1 ? 2_000_000L : 12_000_000L);
        }
        return new CellResult(call, enc, clients, FIVE_SECONDS, Latencies.summarize(List.of(lat)), errors,
                errors > 0 ? "fault 1000: boom" : null, cpu, 1);
    }

    private static CellResult cell(ApiCall call, Encoding enc, int clients, int requests, long errors) {
        return cell(call, enc, clients, requests, errors, BUSY_HUB);
    }

    private static Report.Setup setup() {
        return new Report.Setup(2, "Test JDK 21", "in-process", "socket", Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @Test
    void rowShowsRatesLatenciesAndCpuSplitInColumns() {
        // 50000 requests in 5 s; all 2 ms but the last at 12 ms, so p99 is still 2 ms.
        // CPU: clients 25%, hub = JVM 75% - clients = 50%, db 20%, other = 100 - 75 - 20 = 5%.
        String row = Report.row(cell(ApiCall.GET_USER, Encoding.JSON, 4, 50_000, 0));
        assertThat(row.split("\\s+")).containsExactly(
                "getUser", "json", "4", "10000", "10000", "2.000", "2.000", "0", "25", "50", "20", "5");
        assertThat(row).hasSameSizeAs(Report.header());
    }

    @Test
    void multicallRowCountsEveryCallInTheRequest() {
        // 100 requests: 99 at 2 ms and one at 12 ms make a 2.1 ms mean, but p99 is the 99th, 2 ms.
        String row = Report.row(cell(ApiCall.MULTICALL, Encoding.XML, 16, 100, 3, CpuMeter.Usage.UNKNOWN));
        assertThat(row.split("\\s+")).containsExactly(
                "multicall", "xml", "16", "20000", "20", "2.100", "2.000", "3", "-", "-", "-", "-");
    }

    @Test
    void tableComparesGetUserWithThePythonReferenceAndListsErrors() {
        Report report = new Report(setup(), List.of(
                cell(ApiCall.GET_USER, Encoding.XML, 1, 40_000, 0),
                cell(ApiCall.GET_USER, Encoding.XML, 4, 45_000, 0),
                cell(ApiCall.GET_USER, Encoding.XML, 16, 60_000, 0),
                cell(ApiCall.GET_API_VERSION, Encoding.XML, 1, 10, 2)),
                Report.Failures.NONE.plus(cell(ApiCall.GET_USER, Encoding.JSON, 4, 0, 1)));
        String table = report.table();
        assertThat(table).contains("2 cores, JDK Test JDK 21")
                .contains("after a 30.0 s JIT warmup, each row: 2.0 s warmup, 5.0 s measured").contains("NOT MEASURED HERE");
        // 8000/s is 26.7x the 300/s reference; 9000/s is 18x the 500/s one, short of 10000/s.
        assertThat(table).containsPattern(
                "getUser xml\\s+1 client\\s+8000 calls/s =\\s+26\\.7x Koji's 300 getTag/s\\s+meets");
        assertThat(table).containsPattern(
                "getUser xml\\s+4 clients\\s+9000 calls/s =\\s+18\\.0x Koji's 500 getTag/s\\s+BELOW the 20x target \\(10000/s\\)");
        assertThat(report.comparisons()).hasSize(2);
        assertThat(report.errors()).isEqualTo(3);
        assertThat(table).contains("3 failed requests:").contains("JIT warmup: 1, first: fault 1000: boom")
                .contains("getAPIVersion xml 1 clients: 2, first: fault 1000: boom");
    }

    @Test
    void remeasuredCellKeepsTheQuieterRunButEveryError() {
        CellResult disturbed = cell(ApiCall.GET_USER, Encoding.XML, 4, 10_000, 2,
                new CpuMeter.Usage(1.0, 0.5, 0.1, true, 0.1));
        CellResult quiet = cell(ApiCall.GET_USER, Encoding.XML, 4, 40_000, 0,
                new CpuMeter.Usage(0.9, 0.7, 0.2, true, 0.18));
        CellResult kept = disturbed.leastDisturbed(quiet);
        assertThat(kept.requests()).isEqualTo(40_000);
        assertThat(kept.errors()).isEqualTo(2);
        assertThat(kept.firstError()).isEqualTo("fault 1000: boom");
        assertThat(kept.attempts()).isEqualTo(2);
        assertThat(new Report(setup(), List.of(kept), Report.Failures.NONE).table())
                .contains("getUser xml 4 clients: measured 2 times");
    }

    @Test
    void jsonCarriesTheSameFiguresAndNullForUnknown() {
        CellResult unknownCpu = new CellResult(ApiCall.GET_API_VERSION, Encoding.XML, 1, FIVE_SECONDS,
                Latencies.summarize(List.of(new Latencies())), 0, null, CpuMeter.Usage.UNKNOWN, 1);
        String json = new Report(setup(), List.of(cell(ApiCall.MULTICALL, Encoding.JSON, 4, 25, 0), unknownCpu),
                Report.Failures.NONE).json();
        assertThat(json).contains("\"callsPerSecond\" : 5000.0").contains("\"requestsPerSecond\" : 5.0")
                .contains("\"cpuHub\" : 0.5").contains("\"meanMs\" : null").contains("\"cpuDb\" : null");
    }
}
