package coop.cluster.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathTest {

    @Test
    void expandsAManifestOnlyBooterJarAndKeepsOtherEntries(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("lib")).resolve("a b.jar");
        Files.createFile(a);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path booter = dir.resolve("surefirebooter123.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, a.toUri() + " " + classes.toUri());
        try (OutputStream out = Files.newOutputStream(booter);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        assertThat(Classpath.expand(booter + File.pathSeparator + "/elsewhere/x.jar"))
                .containsExactly(a.toString(), classes.toString(), "/elsewhere/x.jar");
    }

    @Test
    void theCurrentClasspathHasThisModulesClasses() {
        assertThat(Classpath.current()).contains("classes");
    }
}
