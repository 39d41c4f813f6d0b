"""Writes pillow_golden.tsv: SHA-256 of each AutoAugment operation's output, computed by Pillow.

The operations are called the way the reference CIFAR10Policy calls them (Image.transform with an affine tuple,
bicubic for shear, nearest for translate; rotate through RGBA and a composite onto gray 128; ImageEnhance;
ImageOps). Inputs: records 0-3 of the CIFAR-10 test split (exact images). Output bytes are hashed in planar order
(R plane, G plane, B plane), the layout AugmentPillowGoldenTest uses.

Usage: python3 pillow_golden.py <path to test_batch.bin.gz> > pillow_golden.tsv
"""
import gzip
import hashlib
import sys

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

FILL = (128, 128, 128)


def linspace(a, b, m):
    return np.linspace(a, b, 10)[m]


def ops():
    for m in range(10):
        for s in (1, -1):
            v = float(linspace(0, 0.3, m)) * s
            yield "shearX", v, lambda im, v=v: im.transform(im.size, Image.AFFINE, (1, v, 0, 0, 1, 0), Image.BICUBIC,
                                                            fillcolor=FILL)
            yield "shearY", v, lambda im, v=v: im.transform(im.size, Image.AFFINE, (1, 0, 0, v, 1, 0), Image.BICUBIC,
                                                            fillcolor=FILL)
            t = float(linspace(0, 150 / 331, m)) * 32 * s
            yield "translateX", t, lambda im, t=t: im.transform(im.size, Image.AFFINE, (1, 0, t, 0, 1, 0),
                                                                fillcolor=FILL)
            yield "translateY", t, lambda im, t=t: im.transform(im.size, Image.AFFINE, (1, 0, 0, 0, 1, t),
                                                                fillcolor=FILL)
            f = 1 + float(linspace(0.0, 0.9, m)) * s
            yield "color", f, lambda im, f=f: ImageEnhance.Color(im).enhance(f)
            yield "contrast", f, lambda im, f=f: ImageEnhance.Contrast(im).enhance(f)
            yield "sharpness", f, lambda im, f=f: ImageEnhance.Sharpness(im).enhance(f)
            yield "brightness", f, lambda im, f=f: ImageEnhance.Brightness(im).enhance(f)
        r = float(linspace(0, 30, m))
        yield "rotate", r, lambda im, r=r: rotate_with_fill(im, r)
        yield "rotate", -r, lambda im, r=r: rotate_with_fill(im, -r)
        b = int(np.round(np.linspace(8, 4, 10), 0).astype(int)[m])
        yield "posterize", b, lambda im, b=b: ImageOps.posterize(im, b)
        th = float(linspace(256, 0, m))
        yield "solarize", th, lambda im, th=th: ImageOps.solarize(im, th)
    for r in (90.0, 180.0, 270.0, 45.0, 123.4):
        yield "rotate", r, lambda im, r=r: rotate_with_fill(im, r)
    yield "autocontrast", 0, ImageOps.autocontrast
    yield "equalize", 0, ImageOps.equalize
    yield "invert", 0, ImageOps.invert


def rotate_with_fill(img, magnitude):
    rot = img.convert("RGBA").rotate(magnitude)
    return Image.composite(rot, Image.new("RGBA", rot.size, (128,) * 4), rot).convert(img.mode)


def main():
    raw = gzip.open(sys.argv[1]).read()
    images = []
    for i in range(4):
        rec = np.frombuffer(raw[i * 3073 + 1:(i + 1) * 3073], dtype=np.uint8).reshape(3, 32, 32)
        images.append(Image.fromarray(rec.transpose(1, 2, 0).copy(), "RGB"))
    print("# op\tparameter\timage\tsha256 of the planar output (Pillow " + Image.__version__ + ")")
    for name, param, fn in ops():
        for i, im in enumerate(images):
            out = np.asarray(fn(im), dtype=np.uint8).transpose(2, 0, 1).tobytes()
            print(f"{name}\t{param!r}\t{i}\t{hashlib.sha256(out).hexdigest()}")


if __name__ == "__main__":
    main()
