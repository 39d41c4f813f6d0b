package dev.zennas.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The settings a context starts with; no context is started. */
class SparkContextsTest {

    @Test
    void localModeBindsToLoopbackWithoutUiAndClusterModeKeepsSparksDefaults() {
        SparkConf local = SparkContexts.conf("local[2]");
        assertThat(local.get("spark.master")).isEqualTo("local[2]");
        assertThat(local.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
        assertThat(local.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(local.get("spark.ui.showConsoleProgress")).isEqualTo("false");
        SparkConf cluster = SparkContexts.conf("spark://head:7077");
        assertThat(cluster.contains("spark.driver.bindAddress")).isFalse();
        assertThat(cluster.contains("spark.ui.enabled")).isFalse();
        assertThat(SparkContexts.isLocal("local[*]")).isTrue();
        assertThat(SparkContexts.isLocal("local-cluster[2,1,1024]")).isFalse();
    }

    @Test
    void settingsGivenBySparkSubmitWin() {
        System.setProperty("spark.app.name", "my sweep");
        System.setProperty("spark.ui.enabled", "true");
        try {
            SparkConf conf = SparkContexts.conf("local[2]");
            assertThat(conf.get("spark.app.name")).isEqualTo("my sweep");
            assertThat(conf.get("spark.ui.enabled")).isEqualTo("true");
        } finally {
            System.clearProperty("spark.app.name");
            System.clearProperty("spark.ui.enabled");
        }
        assertThat(SparkContexts.conf("local[2]").get("spark.app.name")).isEqualTo("zen-nas-scoring");
    }
}
