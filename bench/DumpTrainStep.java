import dev.zennas.train.*;
import dev.zennas.train.data.*;
import dev.zennas.arch.*;
import dev.zennas.bench.TrainBenchmark;
import ai.djl.ndarray.*;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
/**
 * Dumps one training step of the fast path for `bench/compare_step.py`: the initial tensors of the released CIFAR-1M
 * net (PyTorch's default init, so every branch has a gradient; seed 1), a random batch of 8 with smoothed targets, the loss and every gradient, to
 * /tmp/train-step.bin (big-endian). Run from the repository root after `./zen build`:
 * `java -Dai.djl.offline=true -cp "zen-lib/target/zen-lib.jar:zen-lib/target/lib/*" bench/DumpTrainStep.java`
 */
public class DumpTrainStep {
  public static void main(String[] a) throws Exception {
    Structure s = ReleasedNets.find("zennet_cifar10_model_size1M_res32").get().structure();
    TrainRecipe r = TrainRecipe.basic().withBatchSize(8).withInit(false, false).withChannelsLast(false);
    Batch b = TrainBenchmark.randomBatches(8, 10, 32, false, 1).get(0);
    try (Trainer t = Trainer.create(s, r, 32, 10, false, 1);
         DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/train-step.bin")))) {
      List<NDArray> ps = t.parameterArrays();
      out.writeInt(ps.size());
      for (NDArray p : ps) { float[] v = p.toFloatArray(); out.writeInt(v.length); for (float f : v) out.writeFloat(f); }
      out.writeInt(b.images().length); for (float f : b.images()) out.writeFloat(f);
      out.writeInt(b.targets().length); for (float f : b.targets()) out.writeFloat(f);
      double loss = t.fastLossAndGradients(b);
      System.out.println("djl loss " + loss);
      List<float[]> g = t.gradients();
      out.writeInt(g.size());
      for (float[] v : g) { out.writeInt(v.length); for (float f : v) out.writeFloat(f); }
      out.writeDouble(loss);
    }
  }
}
