#!/usr/bin/env python3
"""One training step of ours against PyTorch on the same weights and batch (written by bench/DumpTrainStep.java).

Loads the dumped tensors into bench/zennet_torch.py's deployed network in zen-lib's parameter order, runs the forward
and soft-target cross-entropy in train mode, backward, and prints both losses and the worst gradient difference
relative to each gradient's largest entry (gradients whose true value is 0, such as a conv bias before BN, show float
noise there). Run: .venv-bench/bin/python bench/compare_step.py
"""
import sys, struct, torch, torch.nn as nn
sys.path.insert(0, __import__('os').path.dirname(__file__))
import zennet_torch as zt
f = open('/tmp/train-step.bin', 'rb')
def ri(): return struct.unpack('>i', f.read(4))[0]
def rf(n): return torch.tensor(struct.unpack('>%df' % n, f.read(4*n)))
n = ri(); arrays = [rf(ri()) for _ in range(n)]
x = rf(ri()).reshape(8, 3, 32, 32); t = rf(ri()).reshape(8, 10)
ng = ri(); grads = [rf(ri()) for _ in range(ng)]
djl_loss = struct.unpack('>d', f.read(8))[0]
r = zt.released('zennet_cifar10_model_size1M_res32')
m = zt.build_deployed(r.structure, 10)
# DJL order: per module, parameters then BN running stats
slots = []
for mod in m.modules():
    if isinstance(mod, nn.Conv2d):
        slots.append(mod.weight); 
        if mod.bias is not None: slots.append(mod.bias)
    elif isinstance(mod, nn.BatchNorm2d):
        slots += [mod.weight, mod.bias, mod.running_mean, mod.running_var]
    elif isinstance(mod, nn.Linear):
        slots += [mod.weight, mod.bias]
ok = all(s.numel() == a.numel() for s, a in zip(slots, arrays))
assert ok and len(slots) == n, 'parameter layout differs'
with torch.no_grad():
    for s, a in zip(slots, arrays): s.copy_(a.reshape(s.shape))
m.train()
loss = -(torch.log_softmax(m(x), 1) * t).sum() / 8
loss.backward()
print('torch loss', loss.item(), 'djl loss', djl_loss)
tp = [s for s in slots if isinstance(s, nn.Parameter)]
# float32 gradients of a deep net can be ill-conditioned: judge both sides against a float64 reference
g32 = [q.grad.clone() for q in tp]
m64 = m.double()
for q in m64.parameters():
    q.grad = None
loss64 = -(torch.log_softmax(m64(x.double()), 1) * t.double()).sum() / 8
loss64.backward()
worst_djl, worst_torch, skipped = 0.0, 0.0, 0
for q, g, a in zip(tp, grads, g32):
    ref = q.grad.flatten()
    sc = ref.abs().max().item()
    if sc < 1e-6:  # analytically zero (a conv bias right before BN): only float noise on all sides
        skipped += 1
        continue
    worst_djl = max(worst_djl, (g.double() - ref).abs().max().item() / sc)
    worst_torch = max(worst_torch, (a.flatten().double() - ref).abs().max().item() / sc)
print(f"float64 loss {loss64.item():.7f}")
print(f"worst gradient difference from float64, relative to its largest entry, over {len(tp) - skipped} tensors "
      f"({skipped} analytically zero skipped): ours {worst_djl:.3g}, PyTorch float32 {worst_torch:.3g}")
