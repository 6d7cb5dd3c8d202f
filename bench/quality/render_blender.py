# Renders one .blend made by make_scenes.py with Cycles or EEVEE and writes the linear RGB radiance
# as float32 .npy (rows top to bottom), so that one script tone-maps every renderer's image alike.
#
#   blender -b FILE.blend --python bench/quality/render_blender.py -- ENGINE SAMPLES WIDTH HEIGHT OUT.npy
#
# ENGINE: cycles or eevee (EEVEE needs an OpenGL context: run under xvfb-run). Prints one line
# "render_seconds <s>": the wall time of bpy.ops.render.render alone (no start-up, no file writing).
import os
import sys
import time

import bpy
import numpy as np


def configure(scene, engine, samples, width, height):
    scene.render.resolution_x, scene.render.resolution_y = width, height
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = False
    # Linear output: no Filmic, no look, no exposure or gamma; the EXR keeps scene-linear radiance.
    scene.view_settings.view_transform = "Standard"
    scene.view_settings.look = "None"
    scene.view_settings.exposure = 0.0
    scene.view_settings.gamma = 1.0
    scene.render.image_settings.file_format = "OPEN_EXR"
    scene.render.image_settings.color_depth = "32"
    scene.render.image_settings.exr_codec = "ZIP"
    if engine == "cycles":
        scene.render.engine = "CYCLES"
        c = scene.cycles
        c.device = "CPU"
        c.samples = samples
        c.use_denoising = False
        c.seed = 0
        c.use_animated_seed = False
        # Blender 3.4's default light paths, written out so the bench does not depend on them.
        c.max_bounces, c.diffuse_bounces, c.glossy_bounces = 12, 4, 4
        c.transmission_bounces, c.volume_bounces, c.transparent_max_bounces = 12, 0, 8
        c.sample_clamp_direct, c.sample_clamp_indirect = 0.0, 10.0
        c.caustics_reflective = c.caustics_refractive = True
        c.use_adaptive_sampling = False  # every pixel gets every sample: the reference's noise is even
        c.pixel_filter_type = "BLACKMAN_HARRIS"
        c.filter_width = 1.5
    elif engine == "eevee":
        scene.render.engine = "BLENDER_EEVEE"
        e = scene.eevee
        e.taa_render_samples = samples
        e.use_soft_shadows = True
        e.use_gtao = True
        e.use_ssr = False
        e.shadow_cube_size = "1024"
        e.shadow_cascade_size = "2048"
    else:
        sys.exit("engine must be cycles or eevee, not " + engine)


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 5:
        sys.exit("usage: blender -b FILE.blend --python render_blender.py -- ENGINE SAMPLES WIDTH HEIGHT OUT.npy")
    engine, samples, width, height, out = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), os.path.abspath(argv[4])
    scene = bpy.context.scene
    configure(scene, engine, samples, width, height)
    exr = out + ".exr"
    scene.render.filepath = exr
    start = time.perf_counter()
    bpy.ops.render.render(write_still=False)
    seconds = time.perf_counter() - start
    bpy.data.images["Render Result"].save_render(exr)
    img = bpy.data.images.load(exr)
    px = np.array(img.pixels[:], dtype=np.float32).reshape(height, width, 4)[::-1, :, :3]
    np.save(out, np.ascontiguousarray(px))
    os.remove(exr)
    print("render_seconds %.3f" % seconds, flush=True)


main()
