package dev.zennas.cli;

import java.util.ArrayList;
import java.util.List;

/** Subcommands beyond {@code arch}: each capability registers its command class here. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> extra() {
        List<Object> subs = new ArrayList<>();
        subs.add(new ScoreCommand());
        subs.add(new CorrelateCommand());
        subs.add(new SearchCommand());
        subs.add(new BenchCommand());
        subs.add(new TrainCommand());
        subs.add(new EvalCommand());
        subs.add(new LatencyCommand());
        subs.add(new ReproduceCommand());
        return subs;
    }
}
