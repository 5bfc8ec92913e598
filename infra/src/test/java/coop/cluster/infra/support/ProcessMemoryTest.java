package coop.cluster.infra.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessMemoryTest {

    @Test
    void readsVmRssFromAProcStatusFile() {
        List<String> status =
                List.of(
                        "Name:\tjava",
                        "VmPeak:\t 9999 kB",
                        "VmRSS:\t  212672 kB",
                        "RssAnon:\t 1 kB");

        assertThat(ProcessMemory.parseVmRssKib(status)).hasValue(212_672);
    }

    @Test
    void hasNoValueWithoutAVmRssLine() {
        assertThat(ProcessMemory.parseVmRssKib(List.of("Name:\tzombie"))).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void measuresThisJvm() {
        assertThat(ProcessMemory.treeRssKib(ProcessHandle.current()).orElseThrow()).isPositive();
    }

    @Test
    void formatsMebibytes() {
        assertThat(ProcessMemory.formatMib(212_672)).isEqualTo("208 MiB");
    }
}
