package dev.zennas.train;

import dev.zennas.data.CifarDataset;
import dev.zennas.data.CifarKind;

/**
 * Which data a run trains and evaluates on.
 *
 * @param dataset    {@code cifar10} or {@code cifar100}
 * @param trainLimit the first N training records (0 = all); with {@code balanced}, a seeded class-balanced N
 * @param testLimit  the first M test records (0 = all)
 * @param balanced   draw the training subset class-balanced instead of taking the first N
 */
public record DataSelection(String dataset, int trainLimit, int testLimit, boolean balanced) {

    public DataSelection {
        CifarKind.parse(dataset); // rejects unknown names with the list of valid ones
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("train/test limits must be >= 0 (0 = all), got " + trainLimit + ", " + testLimit);
        }
        if (balanced && trainLimit == 0) {
            throw new IllegalArgumentException("--balanced needs --train-limit N");
        }
    }

    public CifarKind kind() {
        return CifarKind.parse(dataset);
    }

    /**
     * Fails fast, before a run directory is written, when the dataset's folder cannot be found (one line naming every
     * place searched).
     */
    public void requireAvailable() {
        dev.zennas.data.DataPaths.find(kind().directory());
    }

    /** The training records. */
    public CifarDataset train(long seed) {
        CifarDataset all = CifarDataset.load(kind(), true);
        if (trainLimit == 0) {
            return all;
        }
        return balanced ? all.balanced(trainLimit, seed) : all.first(trainLimit);
    }

    /** The test records. */
    public CifarDataset test() {
        CifarDataset all = CifarDataset.load(kind(), false);
        return testLimit == 0 ? all : all.first(testLimit);
    }
}
