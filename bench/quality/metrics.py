"""Image comparison for the quality benchmark: synthgen's tone mapping, luma, SSIM and PSNR (numpy only).

Every renderer's linear radiance goes through `tone_map_to_srgb8`, the same steps as synthgen's
`finishColor` (renderer/shaders/common.glsl) followed by the *_SRGB attachment's encoding into 8 bits,
so a Blender image is compared as synthgen would have written it to rgb.png.
"""
import numpy as np

REC709 = np.array([0.2126, 0.7152, 0.0722])


def tone_map_pbr_neutral(rgb):
    """Khronos PBR Neutral, as toneMapPbrNeutral in renderer/shaders/common.glsl (rgb: ...x3, linear)."""
    start_compression = 0.8 - 0.04
    desaturation = 0.15
    c = np.asarray(rgb, dtype=np.float64)
    x = c.min(axis=-1, keepdims=True)
    offset = np.where(x < 0.08, x - 6.25 * x * x, 0.04)
    c = c - offset
    peak = c.max(axis=-1, keepdims=True)
    d = 1.0 - start_compression
    new_peak = 1.0 - d * d / (peak + d - start_compression)
    safe_peak = np.where(peak > 0, peak, 1.0)
    scaled = c * (new_peak / safe_peak)
    g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0)
    compressed = scaled * (1.0 - g) + new_peak * g
    return np.where(peak < start_compression, c, compressed)


def srgb_encode(linear):
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * np.power(linear, 1.0 / 2.4) - 0.055)


def tone_map_to_srgb8(radiance, exposure=1.0):
    """Linear radiance (HxWx3) -> uint8 sRGB, as synthgen writes rgb.png: exposure, PBR Neutral, clamp, sRGB, round."""
    mapped = np.clip(tone_map_pbr_neutral(np.maximum(np.asarray(radiance) * exposure, 0.0)), 0.0, 1.0)
    return np.rint(srgb_encode(mapped) * 255.0).astype(np.uint8)


def luma(srgb8):
    """Rec. 709 weights on the 8-bit sRGB-encoded values, scaled to [0, 1] (the image as stored, not linear)."""
    return (np.asarray(srgb8, dtype=np.float64) / 255.0) @ REC709


def gaussian_kernel(sigma=1.5, radius=5):
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def _filter_valid(img, k):
    """Separable 2-D filter, 'valid' region only (no border handling: the SSIM map excludes the borders)."""
    n = len(k)
    h, w = img.shape
    rows = sum(k[i] * img[i:h - n + 1 + i, :] for i in range(n))
    return sum(k[i] * rows[:, i:w - n + 1 + i] for i in range(n))


def ssim(a, b, data_range=1.0, sigma=1.5, k1=0.01, k2=0.03):
    """Mean SSIM of two grey images (Wang, Bovik, Sheikh, Simoncelli 2004): 11x11 Gaussian window of
    sigma 1.5, K1 0.01, K2 0.03, population (not sample) covariances, mean over the pixels whose window
    lies inside the image. Equals skimage.metrics.structural_similarity(a, b, data_range=1,
    gaussian_weights=True, sigma=1.5, use_sample_covariance=False)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 2:
        raise ValueError("ssim needs two grey images of the same shape, got %s and %s" % (a.shape, b.shape))
    k = gaussian_kernel(sigma, radius=int(3.5 * sigma + 0.5))
    mu_a, mu_b = _filter_valid(a, k), _filter_valid(b, k)
    var_a = _filter_valid(a * a, k) - mu_a * mu_a
    var_b = _filter_valid(b * b, k) - mu_b * mu_b
    cov = _filter_valid(a * b, k) - mu_a * mu_b
    c1, c2 = (k1 * data_range) ** 2, (k2 * data_range) ** 2
    s = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return float(s.mean())


def psnr(a, b, data_range=1.0):
    """Peak signal-to-noise ratio in dB, 10 log10(range² / MSE); infinite for identical images."""
    mse = float(np.mean((np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2))
    return float("inf") if mse == 0 else 10.0 * np.log10(data_range ** 2 / mse)
