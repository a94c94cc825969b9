package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeCourseTest {

    @TempDir
    Path dir;

    /** A -> B with A(0) = 1: A(t) = exp(-t), and y = B - A = 1 - 2 exp(-t). */
    private static Crn decay() {
        Crn crn = CrnText.parse("A -> B\nA @initial 1\n", "decay", "decay");
        return Examples.withOutputs(crn, List.of(Examples.parseOutput("y=B-A")));
    }

    @Test
    void timesParseAsListOrRange() {
        assertArrayEquals(new double[]{0, 0.5, 2}, TimeCourse.parse("0, 0.5,2", List.of()).times());
        assertArrayEquals(new double[]{0, 2.5, 5, 7.5, 10}, TimeCourse.parse("0:10:2.5", List.of()).times());
        assertArrayEquals(new double[]{0, 0.1, 0.2, 0.30000000000000004}, TimeCourse.parse("0:0.3:0.1", List.of()).times());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeCourse.parse("1,1", List.of()))
                .getMessage().contains("must increase"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeCourse.parse("0:5", List.of()))
                .getMessage().contains("START:STOP:STEP"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeCourse.parse("0,x", List.of()))
                .getMessage().contains("'x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeCourse.parse("-1,2", List.of()))
                .getMessage().contains("non-negative"));
    }

    @Test
    void valuesAtTheChosenTimesMatchTheClosedForm() {
        Crn crn = decay();
        double[] times = {0, 0.25, 1, 3};
        for (SolverSettings.Method method : SolverSettings.Method.values()) {
            Simulator simulator = new Simulator(crn, new MassActionSystem(crn),
                    new SolverSettings(method, 1e-8, 1e-12, 0, 200_000));
            ExampleResult species = simulator.run(0, crn.initialState(new double[0]), 5, false,
                    new TimeCourse(times, List.of("A", "B")));
            ExampleResult outputs = simulator.run(0, crn.initialState(new double[0]), 5, false, new TimeCourse(times, List.of()));
            ExampleResult plain = simulator.run(0, crn.initialState(new double[0]), 5, false);
            for (int k = 0; k < times.length; k++) {
                double a = Math.exp(-times[k]);
                assertArrayEquals(new double[]{a, 1 - a}, species.timeCourse()[k], 1e-6, method + " t=" + times[k]);
                assertArrayEquals(new double[]{1 - 2 * a}, outputs.timeCourse()[k], 1e-6, method + " t=" + times[k]);
            }
            // stopping at the chosen times does not change where the run ends
            assertEquals(5, species.solution().time(), 1e-12);
            assertArrayEquals(plain.outputs(), species.outputs(), 1e-6);
            assertTrue(species.solution().steps() >= plain.solution().steps());
        }
    }

    @Test
    void afterASteadyStateTheLaterTimesReadIt() {
        Crn crn = decay();
        Simulator simulator = new Simulator(crn, new MassActionSystem(crn),
                new SolverSettings(SolverSettings.Method.DP54, 1e-8, 1e-12, 1e-6, 200_000));
        ExampleResult result = simulator.run(0, crn.initialState(new double[0]), 100, false,
                new TimeCourse(new double[]{1, 50, 100}, List.of("B")));
        assertEquals(SolverStatus.STEADY, result.solution().status());
        assertTrue(result.solution().time() < 50);
        assertEquals(1, result.timeCourse()[1][0], 1e-5);
        assertArrayEquals(result.timeCourse()[1], result.timeCourse()[2]);
    }

    @Test
    void evaluationWritesTheCourseOfEveryExampleAndResumes() throws Exception {
        Crn crn = decay();
        List<Evaluation.Example> examples = List.of(
                new Evaluation.Example(0, new double[]{1, 0}, -1, -1, null),
                new Evaluation.Example(1, new double[]{2, 0}, -1, -1, null),
                new Evaluation.Example(2, new double[]{3, 0}, -1, -1, null));
        Evaluation.Settings settings = new Evaluation.Settings(10, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM,
                Set.of(), TimeCourse.parse("0:2:1", List.of("A")));
        Evaluation.run(crn, examples, settings, dir, false, (d, t, s) -> { });
        Path course = dir.resolve(TimeCourse.FILE);
        List<String> lines = Files.readAllLines(course);
        assertEquals("example,time,A", lines.get(0));
        assertEquals(1 + 3 * 3, lines.size());
        String row = lines.stream().filter(l -> l.startsWith("2,1.0,")).findFirst().orElseThrow();
        assertEquals(3 * Math.exp(-1), Double.parseDouble(row.split(",")[2]), 1e-5);

        // as if interrupted after example 0: the resumed run adds the courses of the others only
        Path results = dir.resolve(Evaluation.RESULTS_FILE);
        List<String> resultLines = Files.readAllLines(results);
        String first = resultLines.stream().filter(l -> l.startsWith("0,")).findFirst().orElseThrow();
        Files.write(results, List.of(resultLines.get(0), first));
        Files.write(course, List.of(lines.get(0), "0,0.0,1.0", "0,1.0,0.36787944117144233", "0,2.0,0.1353352832366127"));
        Evaluation.run(crn, examples, settings, dir, true, (d, t, s) -> { });
        assertEquals(1 + 3 * 3, Files.readAllLines(course).size());

        Evaluation.Settings other = new Evaluation.Settings(10, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM,
                Set.of(), TimeCourse.parse("0:2:1", List.of("B")));
        assertTrue(assertThrows(CrnException.class, () -> Evaluation.run(crn, examples, other, dir, true,
                (d, t, s) -> { })).getMessage().contains("other settings (time_course"));
        Evaluation.Settings late = new Evaluation.Settings(1, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM,
                Set.of(), TimeCourse.parse("0:2:1", List.of("A")));
        assertTrue(assertThrows(CrnException.class, () -> Evaluation.run(crn, examples, late, dir.resolve("late"), false,
                (d, t, s) -> { })).getMessage().contains("time course: time 2.0 is after t_max 1.0"));
        Evaluation.Settings unknown = new Evaluation.Settings(10, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM,
                Set.of(), TimeCourse.parse("1", List.of("Q")));
        assertTrue(assertThrows(CrnException.class, () -> Evaluation.run(crn, examples, unknown, dir.resolve("q"), false,
                (d, t, s) -> { })).getMessage().contains("'Q' is not a species of CRN 'decay'"));
    }
}
