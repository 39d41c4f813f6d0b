package dev.zennas.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ZenScore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringApiTest {
    static final String NET = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)";

    private static List<WorkUnit> units(String proxy, int n) {
        ProxySpec spec = ProxySpec.of(proxy).withBatchSize(4).withRepeats(2);
        List<WorkUnit> u = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            u.add(new WorkUnit(i, TargetRef.structure(Structure.parse(NET), 16, 10), spec, 1000L + i));
        }
        return u;
    }

    @Test
    void eachProxyDeclaresItsDefaults() {
        assertThat(ProxySpec.of("naswot").batchSize()).isEqualTo(8);
        assertThat(ProxySpec.of("zen").batchSize()).isEqualTo(64);
        assertThat(ProxySpec.of("zen").gamma()).isEqualTo(0.01);
        assertThatThrownBy(() -> ProxySpec.of("zen").withRepeats(0)).hasMessageContaining("repeats");
    }

    @Test
    void workUnitsAndResultsSurviveSerialisation() throws Exception {
        WorkUnit unit = units("zen", 1).get(0);
        WorkUnit back = roundTrip(unit);
        assertThat(back).isEqualTo(unit);
        ScoreResult r = Scoring.compute(back, ExecutionSettings.defaults());
        ScoreResult rBack = roundTrip(r);
        assertThat(rBack.result().values()).containsExactly(r.result().values());
        assertThat(rBack.result().parts().get("log_delta")).containsExactly(r.result().parts().get("log_delta"));
        TargetRef bench = TargetRef.benchmark(dev.zennas.nasbench.BenchmarkSpace.NATS_SSS, 7,
                dev.zennas.nasbench.BenchmarkDataset.CIFAR100);
        assertThat(roundTrip(bench)).isEqualTo(new TargetRef.BenchmarkRef("nats-sss", 7, "cifar100"));
    }

    @Test
    void computeEqualsTheProxyScoredDirectly() {
        WorkUnit unit = units("zen", 1).get(0);
        ExecutionSettings sequential = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.SEQUENTIAL);
        ProxyResult direct = new ZenScore().score(Proxies.target(Structure.parse(NET), 16, 10),
                unit.spec().settings(unit.seed()), sequential);
        assertThat(Scoring.compute(unit, sequential).result().values()).containsExactly(direct.values());
    }

    /**
     * Values depend on libtorch's intra-op thread count (kernels split their sums by it), which a pool of several
     * workers sets to one: the single-worker run is compared under the same count.
     */
    @Test
    void localResultsDoNotDependOnThreadsOrOrder() {
        ai.djl.engine.Engine.getInstance();
        int intraOp = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        try {
            compareThreadsAndOrder();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOp);
        }
    }

    private static void compareThreadsAndOrder() {
        ExecutionSettings one = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.SEQUENTIAL)
                .withThreads(1);
        List<WorkUnit> units = units("zen", 6);
        List<ScoreResult> a;
        try (ScoringExecutor local = ScoringExecutors.create("local", Map.of())) {
            a = local.execute(units, one, r -> { });
        }
        List<WorkUnit> shuffled = new ArrayList<>(units);
        Collections.reverse(shuffled);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        List<ScoreResult> b = new LocalExecutor().execute(shuffled, one.withThreads(3), r -> seen.add(r.key()));
        assertThat(seen).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
        for (int i = 0; i < 6; i++) {
            assertThat(b.get(5 - i).key()).isEqualTo(i);
            assertThat(b.get(5 - i).result().values()).containsExactly(a.get(i).result().values());
        }
        assertThat(a.get(0).result().values()).isNotEqualTo(a.get(1).result().values()); // seeds differ per item
    }

    @Test
    void proxyFailuresAreResultsAndExecutorsAreFoundByName() {
        WorkUnit tooSmall = new WorkUnit(3, units("zen", 1).get(0).target(), ProxySpec.of("zen").withBatchSize(1), 1);
        ScoreResult r = Scoring.compute(tooSmall, ExecutionSettings.defaults());
        assertThat(r.failed()).isTrue();
        assertThat(r.studyValue()).isNaN();
        assertThat(ScoringExecutors.names()).startsWith("local");
        assertThatThrownBy(() -> ScoringExecutors.create("nowhere", Map.of()))
                .hasMessageContaining("unknown scoring executor 'nowhere'").hasMessageContaining("local");
        assertThatThrownBy(() -> ScoringExecutors.create("local", Map.of("master", "x")))
                .hasMessageContaining("no options");
    }

    @Test
    void theRunnerSkipsWhatTheCacheHoldsAndCachesWhatItComputes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<WorkUnit> units = units("test-hash", 5);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ScoringRunner.Listener listener = new ScoringRunner.Listener() {
            @Override public void started(int toCompute, int cached) { events.add("start " + toCompute + "+" + cached); }
            @Override public void completed(ScoreResult r) { events.add("done"); }
            @Override public void finished() { events.add("end"); }
        };
        ExecutionSettings two = ExecutionSettings.defaults().withThreads(2);
        try (dev.zennas.study.ScoreCache cache = dev.zennas.study.ScoreCache.open(dir, "k", "test")) {
            cache.put(1, 42.0, 0);
            java.util.Map<Long, ScoreResult> fresh;
            try (ScoringRunner runner = new ScoringRunner(new LocalExecutor(), two, listener)) {
                fresh = runner.run(units, cache, ScoreResult::studyValue);
            }
            assertThat(fresh.keySet()).containsExactly(0L, 2L, 3L, 4L);
            assertThat(cache.get(1).value()).isEqualTo(42.0);
            for (long k : fresh.keySet()) {
                double want = dev.zennas.proxy.StructureProxy.hash(Structure.parse(NET).toString(), 1000L + k);
                assertThat(cache.get((int) k).value()).isEqualTo(want);
            }
        }
        assertThat(events).startsWith("start 4+1").endsWith("end").filteredOn("done"::equals).hasSize(4);
    }

    @Test
    void aStudyNamesItsExecutor() {
        var b = dev.zennas.study.CorrelationStudy.builder().proxies("params");
        assertThat(b.build().execution().executor()).isEqualTo("local");
        assertThatThrownBy(() -> b.executor("nowhere", Map.of()).build())
                .hasMessageContaining("unknown scoring executor 'nowhere' (available: local");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
