package moecl.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The build stamps the commit its classes were compiled from (git-commit-id plugin at {@code initialize}); the
 * manifest's commit is that one, not whatever HEAD is when a run starts.
 */
class ManifestBuildStampTest {

    @Test
    void theCommitIsTheBuildsHead() throws Exception {
        Assumptions.assumeTrue(Manifest.class.getResource("build.properties") != null, "built without git");
        Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(p.waitFor() == 0, "no git here: " + head);
        assertEquals(head, Manifest.commit());
        assertNotNull(Manifest.dirty(), "the build knows whether its tree had uncommitted changes");
    }
}
