package nn2crn.cli;

import nn2crn.datasets.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataCommandTest {

    @Test
    void infoPrintsSplitTableForIris() {
        CliRunner r = CliRunner.run("data", "info", "iris");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("built in"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("all\\s+150\\s+4\\s+50\\s+50\\s+50")), r.out());
    }

    @Test
    void infoPrintsMnistSplitsAndFolder() {
        String dir = TestData.store("mnist").location().dir().toString();
        CliRunner r = CliRunner.run("data", "info", "mnist", "--data-dir", dir);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("data folder: " + dir + " (from --data-dir)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("test\\s+10000\\s+196(\\s+\\d+){10}")), r.out());
    }

    @Test
    void corruptFileGivesOneLineErrorAndExitCodeOne(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("virus"));
        Files.writeString(dir.resolve("virus/icml2020dataset_GSE73072_DEE3.csv"), "tampered\n");
        CliRunner r = CliRunner.run("data", "info", "virus", "--data-dir", dir.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("nn2crn: error: ") && r.err().contains("SHA-256"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        CliRunner check = CliRunner.run("data", "check", "--data-dir", dir.toString());
        assertEquals(1, check.exitCode());
        assertTrue(check.out().contains("CORRUPT") && check.out().contains("0 ok, 12 missing, 1 corrupt"), check.out());
    }

    @Test
    void unknownDatasetIsNamed() {
        CliRunner r = CliRunner.run("data", "info", "cifar");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown dataset 'cifar'"), r.err());
    }

    @Test
    void versionAndHelpWork() {
        CliRunner v = CliRunner.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("nn2crn 0."), v.out());
        CliRunner h = CliRunner.run("--help");
        assertTrue(h.out().contains("data") && h.out().contains("Usage: nn2crn"), h.out());
    }
}
