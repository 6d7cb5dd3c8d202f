"""bench/quality/metrics.py against answers worked out by hand from the published formulas
(Wang et al. 2004 SSIM, PSNR, Khronos PBR Neutral, IEC 61966-2-1 sRGB, Rec. 709 luma).

    python3 test_quality_metrics.py BENCH_QUALITY_DIR
"""
import math
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
import metrics  # noqa: E402

C1, C2 = 0.01 ** 2, 0.03 ** 2


def close(a, b, tol=1e-9):
    assert abs(a - b) <= tol, "%r != %r" % (a, b)


def test_ssim_of_an_image_with_itself_is_one():
    img = np.random.default_rng(7).random((40, 50))
    close(metrics.ssim(img, img), 1.0, 1e-12)


def test_ssim_of_two_flat_images_is_the_luminance_term():
    # No variance anywhere: the contrast-structure term is C2/C2 = 1, leaving (2ab + C1) / (a² + b² + C1).
    a, b = 0.3, 0.6
    expected = (2 * a * b + C1) / (a * a + b * b + C1)
    close(metrics.ssim(np.full((20, 30), a), np.full((20, 30), b)), expected, 1e-12)


def test_ssim_of_an_inverted_pattern_follows_the_formula():
    # A checkerboard of 0.25/0.75 against its inverse: equal means (l = 1), equal variances v and
    # covariance -v in every window, so SSIM = (C2 - 2v) / (2v + C2) with v the window-weighted variance 0.0625.
    board = np.indices((31, 31)).sum(axis=0) % 2
    a, b = 0.25 + 0.5 * board, 0.75 - 0.5 * board
    # In an 11x11 window centered on a 0.25 pixel (or 0.75), the Gaussian weights of the two colours are not
    # exactly 1/2, so means differ slightly: compute the weights by hand from the kernel.
    k = metrics.gaussian_kernel(1.5, 5)
    w2 = np.outer(k, k)
    same = w2[np.indices((11, 11)).sum(axis=0) % 2 == 0].sum()  # weight of the centre's colour
    mu_a = 0.25 * same + 0.75 * (1 - same)
    mu_b = 0.75 * same + 0.25 * (1 - same)
    var = same * (1 - same) * 0.25
    s1 = (2 * mu_a * mu_b + C1) * (-2 * var + C2) / ((mu_a ** 2 + mu_b ** 2 + C1) * (2 * var + C2))
    # Windows centred on the other colour swap mu_a and mu_b: the same value. Every window gives s1.
    close(metrics.ssim(a, b), s1, 1e-9)


def test_psnr_of_a_known_error_matches_its_definition():
    a = np.full((10, 10), 0.5)
    b = a + np.where(np.indices((10, 10)).sum(axis=0) % 2 == 0, 0.1, -0.1)  # MSE exactly 0.01
    close(metrics.psnr(a, b), 20.0, 1e-9)
    assert metrics.psnr(a, a) == float("inf")


def test_pbr_neutral_below_the_shoulder_subtracts_the_offset():
    # Khronos PBR Neutral: min >= 0.08 -> offset 0.04; peak under 0.76 after it -> no compression.
    close(float(metrics.tone_map_pbr_neutral(np.array([0.5, 0.3, 0.1]))[0]), 0.46)
    # min < 0.08 -> offset x - 6.25 x²: for x = 0.04, 0.04 - 0.01 = 0.03.
    out = metrics.tone_map_pbr_neutral(np.array([0.04, 0.2, 0.5]))
    close(float(out[0]), 0.01)
    close(float(out[2]), 0.47)


def test_pbr_neutral_shoulder_reaches_toward_white():
    # Grey 10: offset 0.04, peak 9.96; newPeak = 1 - 0.24² / (9.96 + 0.24 - 0.76); grey stays grey.
    out = metrics.tone_map_pbr_neutral(np.array([10.0, 10.0, 10.0]))
    close(float(out[0]), 1 - 0.24 ** 2 / (9.96 + 0.24 - 0.76), 1e-12)
    close(float(out[0]), float(out[2]), 1e-12)


def test_srgb8_and_luma_follow_the_standards():
    # sRGB: linear 0.5 -> 1.055 * 0.5^(1/2.4) - 0.055 = 0.7354 -> 187.5 -> 188. Tone mapping takes grey
    # 0.54 to 0.50 (offset 0.04, under the shoulder), so radiance 0.54 is stored as 188.
    close(float(metrics.srgb_encode(np.array(0.5))), 1.055 * 0.5 ** (1 / 2.4) - 0.055, 1e-12)
    px = metrics.tone_map_to_srgb8(np.array([[[0.54, 0.54, 0.54]]]))
    assert px.tolist() == [[[188, 188, 188]]], px.tolist()
    close(float(metrics.luma(np.array([[[0, 255, 0]]], dtype=np.uint8))[0, 0]), 0.7152, 1e-12)
    close(float(metrics.luma(np.array([[[255, 255, 255]]], dtype=np.uint8))[0, 0]), 1.0, 1e-12)


def main():
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    for name, f in tests:
        f()
        print("passed:", name)
    print("%d tests passed" % len(tests))


if __name__ == "__main__":
    main()
